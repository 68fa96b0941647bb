import { sql, type Kysely } from "kysely";

// Issue 15, item 5 (known passwords in production):
// - organizations.is_demo marks the organizations the demo seed creates (the staff pages show a "Demo" banner). The
//   two demo organizations of earlier seeds (slug and their `.test` staff) are marked here too.
// - setup_tokens holds the one-time tokens of the first-run /setup page (a database without users) as SHA-256 only.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organizations")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update organizations set is_demo = 1
    where (slug = 'northwind' and exists (select 1 from users u where u.organization_id = organizations.id
                                          and u.email in ('admin@northwind.test', 'recruiter@northwind.test')))
       or (slug = 'contoso' and exists (select 1 from users u where u.organization_id = organizations.id
                                        and u.email in ('admin@contoso.test', 'recruiter@contoso.test')))`.execute(db);

  await db.schema
    .createTable("setup_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("setup_tokens").execute();
  await db.schema.alterTable("organizations").dropColumn("is_demo").execute();
}
