import type { Kysely } from "kysely";

// The staff area in six languages (issue 18): each staff user may pick a language (null = the organization's
// default), and each organization has a default for its staff ("en" until an admin changes it).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("language", "text").execute();
  await db.schema
    .alterTable("organizations")
    .addColumn("staff_language", "text", (col) => col.notNull().defaultTo("en"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organizations").dropColumn("staff_language").execute();
  await db.schema.alterTable("users").dropColumn("language").execute();
}
