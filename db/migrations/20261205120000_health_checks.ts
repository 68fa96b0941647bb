import type { Kysely } from "kysely";

// /readyz and the start-up check (issue 15, item 14) prove the database takes writes by writing one row here: a
// real committed write, so a read-only file or a full disk shows, and no tenant data is touched.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("health_checks")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("health_checks").execute();
}
