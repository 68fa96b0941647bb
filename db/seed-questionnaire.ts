import { countQuestionnaires, createQuestionnaire, publishQuestionnaire } from "../app/models/questionnaire.server";
import { getTemplate } from "../app/questionnaire/bank.server";

const SEED_ACTOR = { userId: null, label: "seed" };

/**
 * Gives an organization without questionnaires one built from a template: the template's missing values are added
 * to the organization (its vision and existing values are kept) and version 1 is published. Safe to run twice.
 */
export async function seedQuestionnaire(orgId: string, templateId: string): Promise<boolean> {
  if ((await countQuestionnaires(orgId)) > 0) return false;
  const template = getTemplate(templateId);
  if (!template) throw new Error(`Unknown questionnaire template "${templateId}"`);
  const questionnaireId = await createQuestionnaire(orgId, { title: template.name, templateId }, SEED_ACTOR);
  const published = await publishQuestionnaire(orgId, questionnaireId, SEED_ACTOR);
  if (!published.ok) throw new Error(`Seeding the ${templateId} questionnaire failed: ${published.message}`);
  return true;
}
