// The staff area's messages in one language (issue 18): the answering catalog ("translation", which the question
// preview reads) and one namespace per area. Imported only by staff-catalogs.server.ts and, in the browser, as a lazy
// chunk by staff-load.ts: staff catalogs never reach the candidate pages.
import translation from "../locales/sl.json";
import common from "./sl/common.json";
import errors from "./sl/errors.json";
import shell from "./sl/shell.json";
import admin from "./sl/admin.json";
import content from "./sl/content.json";
import positions from "./sl/positions.json";
import benchmark from "./sl/benchmark.json";
import results from "./sl/results.json";
import report from "./sl/report.json";
import fairness from "./sl/fairness.json";
import questionnaires from "./sl/questionnaires.json";
import invitations from "./sl/invitations.json";
import outcomes from "./sl/outcomes.json";
import wording from "./sl/wording.json";

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
