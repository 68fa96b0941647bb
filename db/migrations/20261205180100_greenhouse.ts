import type { Kysely } from "kysely";

// Greenhouse assessment partner (issue 20): one row per test Greenhouse sent (send_test). `id` is the
// partner_interview_id we answer; (organization_id, callback_url) is unique, so a repeated send_test for the same
// Greenhouse test returns the same id and creates no second invitation. callback_key is the API key Greenhouse
// authenticated with, kept to authenticate our PATCH to callback_url the same way (Greenhouse's documented scheme).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("greenhouse_tests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull())
    .addColumn("invitation_id", "text")
    .addColumn("callback_url", "text", (c) => c.notNull())
    .addColumn("profile_url", "text")
    .addColumn("callback_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("greenhouse_tests_callback_unique", ["organization_id", "callback_url"])
    .execute();
  await db.schema
    .createIndex("greenhouse_tests_invitation_idx")
    .on("greenhouse_tests")
    .columns(["organization_id", "invitation_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("greenhouse_tests").execute();
}
