// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/fi.json";
import common from "./fi/common.json";
import errors from "./fi/errors.json";
import shell from "./fi/shell.json";
import admin from "./fi/admin.json";
import content from "./fi/content.json";
import positions from "./fi/positions.json";
import benchmark from "./fi/benchmark.json";
import results from "./fi/results.json";
import report from "./fi/report.json";
import fairness from "./fi/fairness.json";
import questionnaires from "./fi/questionnaires.json";
import invitations from "./fi/invitations.json";
import outcomes from "./fi/outcomes.json";
import wording from "./fi/wording.json";

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
