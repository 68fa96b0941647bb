// The staff area's language (issue 18): a user's own pick (null = the organization's default).
import type { Locale } from "~/i18n/locale";
import { getDb } from "~/utils/db.server";

/** Stores the user's language; the organization filter keeps it to the user's own row. */
export async function setUserLanguage(orgId: string, userId: string, language: Locale | null): Promise<void> {
  await getDb()
    .updateTable("users")
    .set({ language })
    .where("organization_id", "=", orgId)
    .where("id", "=", userId)
    .execute();
}
