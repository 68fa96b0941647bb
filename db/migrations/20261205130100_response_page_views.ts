import type { Kysely } from "kysely";

// Server-side first view of each questionnaire page per response (issue 15, item 7): a page's time is measured from
// it, never from a value the browser sends.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("response_page_views")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("page", "integer", (c) => c.notNull())
    .addColumn("first_viewed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_page_views_pk", ["response_id", "page"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("response_page_views").execute();
}
