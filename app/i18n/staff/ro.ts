// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/ro.json";
import common from "./ro/common.json";
import errors from "./ro/errors.json";
import shell from "./ro/shell.json";
import admin from "./ro/admin.json";
import content from "./ro/content.json";
import positions from "./ro/positions.json";
import benchmark from "./ro/benchmark.json";
import results from "./ro/results.json";
import report from "./ro/report.json";
import fairness from "./ro/fairness.json";
import questionnaires from "./ro/questionnaires.json";
import invitations from "./ro/invitations.json";
import outcomes from "./ro/outcomes.json";
import wording from "./ro/wording.json";

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
