// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/it.json";
import common from "./it/common.json";
import errors from "./it/errors.json";
import shell from "./it/shell.json";
import admin from "./it/admin.json";
import content from "./it/content.json";
import positions from "./it/positions.json";
import benchmark from "./it/benchmark.json";
import results from "./it/results.json";
import report from "./it/report.json";
import fairness from "./it/fairness.json";
import questionnaires from "./it/questionnaires.json";
import invitations from "./it/invitations.json";
import outcomes from "./it/outcomes.json";
import wording from "./it/wording.json";

export default {
  translation,
  common,
  errors,
  shell,
  admin,
  content,
  positions,
  benchmark,
  results,
  report,
  fairness,
  questionnaires,
  invitations,
  outcomes,
  wording,
};
