// Voluntary self-identification of candidates, kept in its own table. Scoring never reads this module or table.
import { getDb, nowIso } from "~/utils/db.server";

export const PREFER_NOT_TO_SAY = "prefer-not-to-say";

export const GENDER_OPTIONS = [
  { value: "woman", label: "Woman" },
  { value: "man", label: "Man" },
  { value: "non-binary", label: "Non-binary" },
  { value: "self-described", label: "I describe myself another way" },
  { value: PREFER_NOT_TO_SAY, label: "Prefer not to say" },
] as const;

export const AGE_BAND_OPTIONS = [
  { value: "under-25", label: "Under 25" },
  { value: "25-34", label: "25–34" },
  { value: "35-44", label: "35–44" },
  { value: "45-54", label: "45–54" },
  { value: "55-64", label: "55–64" },
  { value: "65-plus", label: "65 or older" },
  { value: PREFER_NOT_TO_SAY, label: "Prefer not to say" },
] as const;

export const ETHNICITY_OPTIONS = [
  { value: "asian", label: "Asian" },
  { value: "black", label: "Black" },
  { value: "hispanic-latino", label: "Hispanic or Latino" },
  { value: "middle-eastern-north-african", label: "Middle Eastern or North African" },
  { value: "white", label: "White" },
  { value: "mixed", label: "Mixed or multiple" },
  { value: "other", label: "Another group" },
  { value: PREFER_NOT_TO_SAY, label: "Prefer not to say" },
] as const;

export type DemographicsInput = { gender: string | null; ageBand: string | null; ethnicity: string | null };

/** Stores (or replaces) the answers; every field may be null (not answered). */
export async function saveDemographics(orgId: string, responseId: string, input: DemographicsInput) {
  const values = { gender: input.gender, age_band: input.ageBand, ethnicity: input.ethnicity };
  await getDb()
    .insertInto("demographics")
    .values({ response_id: responseId, organization_id: orgId, ...values, created_at: nowIso() })
    .onConflict((oc) => oc.column("response_id").doUpdateSet(values))
    .execute();
}

export async function hasDemographics(orgId: string, responseId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("demographics")
    .select("response_id")
    .where("organization_id", "=", orgId)
    .where("response_id", "=", responseId)
    .executeTakeFirst();
  return Boolean(row);
}
