// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/en.json";
import common from "./en/common.json";
import errors from "./en/errors.json";
import shell from "./en/shell.json";
import admin from "./en/admin.json";
import content from "./en/content.json";
import positions from "./en/positions.json";
import benchmark from "./en/benchmark.json";
import results from "./en/results.json";
import report from "./en/report.json";
import fairness from "./en/fairness.json";
import questionnaires from "./en/questionnaires.json";
import invitations from "./en/invitations.json";
import outcomes from "./en/outcomes.json";
import wording from "./en/wording.json";

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
