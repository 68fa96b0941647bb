import { getDb, nowIso } from "~/utils/db.server";
import { newId } from "~/utils/tokens.server";

export async function getOrganization(orgId: string) {
  return getDb().selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
}

export async function getOrganizationBySlug(slug: string) {
  return getDb().selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function createOrganization(input: { name: string; slug: string; vision?: string }) {
  const id = newId();
  await getDb()
    .insertInto("organizations")
    .values({ id, name: input.name, slug: input.slug, vision: input.vision ?? "", created_at: nowIso() })
    .execute();
  return id;
}

export async function countOrganizations(): Promise<number> {
  const row = await getDb()
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
