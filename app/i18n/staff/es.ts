// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/es.json";
import common from "./es/common.json";
import errors from "./es/errors.json";
import shell from "./es/shell.json";
import admin from "./es/admin.json";
import content from "./es/content.json";
import positions from "./es/positions.json";
import benchmark from "./es/benchmark.json";
import results from "./es/results.json";
import report from "./es/report.json";
import fairness from "./es/fairness.json";
import questionnaires from "./es/questionnaires.json";
import invitations from "./es/invitations.json";
import outcomes from "./es/outcomes.json";
import wording from "./es/wording.json";

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
