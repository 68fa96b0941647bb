// Questionnaire content stored in the database (questionnaire_versions.content_json). Browser-safe, no zod.
import type { Questionnaire } from "./types";

/**
 * A published version as stored: content_json was validated when it was published, under the rule of its time
 * (vb-1 allowed numeric ids and had no virtues), so it is read back as it is, not re-validated; content stored
 * before virtue items existed reads with `virtues: []`.
 */
export function parseStoredQuestionnaire(contentJson: string): Questionnaire {
  const content = JSON.parse(contentJson) as Omit<Questionnaire, "virtues"> & { virtues?: Questionnaire["virtues"] };
  return { ...content, virtues: content.virtues ?? [] };
}
