// Questionnaires, split by concern; this module keeps the one import path the routes use.
export * from "~/models/questionnaire-draft.server";
export * from "~/models/questionnaire-builder.server";
export * from "~/models/questionnaire-publish.server";
export * from "~/models/questionnaire-versions.server";
export * from "~/models/questionnaire-content.server";
