import type { Kysely } from "kysely";

// The dashboard's "new since your last visit" (issue 21, point 7): when the user last opened the dashboard.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("last_seen_dashboard_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("last_seen_dashboard_at").execute();
}
