import type { Kysely } from "kysely";

// Item-bank translations of a published questionnaire version: { [locale]: { values, items, attention, probes } }.
// "{}" means the version exists only in its source language (content_json.locale).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("questionnaire_versions")
    .addColumn("translations_json", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("questionnaire_versions").dropColumn("translations_json").execute();
}
