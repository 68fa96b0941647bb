// Factories for the benchmark and scoring tests: a published questionnaire version from a YAML file, a position on
// it, and agent/candidate responses written straight into the database.
import fs from "node:fs";
import path from "node:path";
import { loadQuestionnaireFile } from "../app/questionnaire/load.server";
import { parseResponsesCsv } from "../app/questionnaire/responses-csv";
import type { Questionnaire } from "../app/questionnaire/types";
import type { Answers, RespondentInput } from "../app/scoring";
import { getDb, nowIso } from "../app/utils/db.server";
import { newId, sha256Hex } from "../app/utils/tokens.server";
import type { RespondentKind } from "../db/types";

export const EXAMPLES = path.resolve("questions/examples");

export function exampleQuestionnaire(): Questionnaire {
  return loadQuestionnaireFile(path.join(EXAMPLES, "questionnaire.yaml"));
}

/** Rows of questions/examples/<file>.csv as engine inputs (respondent = the CSV's id). */
export function exampleRespondents(file: "agents.csv" | "candidates.csv"): RespondentInput[] {
  const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
  return parseResponsesCsv(text, exampleQuestionnaire()).respondents.map((r) => ({
    respondent: r.respondent,
    answers: r.answers,
  }));
}

/** A questionnaire with one published version whose content_json is the YAML file's Questionnaire. */
export async function makePublishedVersion(orgId: string, file = path.join(EXAMPLES, "questionnaire.yaml")) {
  const q = loadQuestionnaireFile(file);
  const now = nowIso();
  const questionnaireId = newId();
  const versionId = newId();
  const content = JSON.stringify(q);
  await getDb()
    .insertInto("questionnaires")
    .values({
      id: questionnaireId,
      organization_id: orgId,
      slug: `${q.id}-${questionnaireId.slice(0, 8)}`,
      title: q.title,
      draft_json: content,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await getDb()
    .insertInto("questionnaire_versions")
    .values({
      id: versionId,
      organization_id: orgId,
      questionnaire_id: questionnaireId,
      version: q.version,
      content_json: content,
      sha256: sha256Hex(content),
      published_at: now,
      published_by: null,
    })
    .execute();
  return { questionnaireId, versionId, q };
}

export async function makePositionRow(orgId: string, versionId: string, title = "Support agent") {
  const id = newId();
  await getDb()
    .insertInto("positions")
    .values({ id, organization_id: orgId, title, questionnaire_version_id: versionId, created_at: nowIso() })
    .execute();
  return id;
}

let seq = 0;

/** A response written directly (no invitation); submitted unless told otherwise. */
export async function makeResponseRow(
  orgId: string,
  positionId: string,
  versionId: string,
  kind: RespondentKind,
  answers: Answers,
  options: { label?: string; source?: "web" | "import"; pageTimes?: unknown; submitted?: boolean } = {},
) {
  seq += 1;
  const id = newId();
  // Distinct, increasing timestamps keep the submission order (the engine's input order) the creation order.
  const at = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
  await getDb()
    .insertInto("responses")
    .values({
      id,
      organization_id: orgId,
      position_id: positionId,
      invitation_id: null,
      kind,
      respondent_label: options.label ?? `${kind} ${seq}`,
      questionnaire_version_id: versionId,
      source: options.source ?? "import",
      answers_json: JSON.stringify(answers),
      page_times_json: JSON.stringify(options.pageTimes ?? {}),
      consent_at: at,
      started_at: at,
      updated_at: at,
      submitted_at: options.submitted === false ? null : at,
    })
    .execute();
  return id;
}

/**
 * An organization-scoped position on the example questionnaire with the 13 example agents (labels a01..a13).
 * Returns response ids by label.
 */
export async function makeExamplePosition(orgId: string, agentLabels?: string[]) {
  const { versionId, q } = await makePublishedVersion(orgId);
  const positionId = await makePositionRow(orgId, versionId);
  const agentIds: Record<string, string> = {};
  for (const agent of exampleRespondents("agents.csv")) {
    if (agentLabels && !agentLabels.includes(agent.respondent)) continue;
    agentIds[agent.respondent] = await makeResponseRow(orgId, positionId, versionId, "agent", agent.answers, {
      label: agent.respondent,
    });
  }
  return { versionId, q, positionId, agentIds };
}
