// Factories for the results/report/export tests: the example position with an active benchmark built by the engine,
// candidates scored through scoreResponse (the storage contract of app/models/score.server.ts).
import { toRespondentInput } from "../app/models/respondent-input.server";
import { scoreResponse } from "../app/models/score.server";
import { buildBenchmark, type Answers } from "../app/scoring";
import { getDb, nowIso } from "../app/utils/db.server";
import { newId } from "../app/utils/tokens.server";
import { exampleRespondents, makeExamplePosition, makeResponseRow } from "./factories-benchmark";

export const I_STATEMENTS: Record<string, string> = {
  empathy: "I acknowledge how the customer feels before I fix the problem.",
  patience: "I stay calm and thorough however long it takes.",
  pace: "I answer quickly and completely.",
};

/** org_values rows for the example questionnaire's values (names as the organization writes them). */
async function makeOrgValues(orgId: string) {
  const existing = await getDb()
    .selectFrom("org_values")
    .select("key")
    .where("organization_id", "=", orgId)
    .executeTakeFirst();
  if (existing) return;
  const now = nowIso();
  const names: Record<string, string> = { empathy: "Empathy", patience: "Patience", pace: "Pace" };
  let order = 0;
  for (const [key, iStatement] of Object.entries(I_STATEMENTS)) {
    await getDb()
      .insertInto("org_values")
      .values({
        id: newId(),
        organization_id: orgId,
        key,
        name: names[key],
        i_statement: iStatement,
        sort_order: order++,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/**
 * The example position (questions/examples) with an active benchmark of the given agents (all 13 by default), the
 * snapshot built by the engine's buildBenchmark from the stored responses.
 */
export async function makeResultsPosition(
  orgId: string,
  options: { agentLabels?: string[]; benchmark?: boolean } = {},
) {
  await makeOrgValues(orgId);
  const position = await makeExamplePosition(orgId, options.agentLabels);
  let benchmarkId: string | null = null;
  if (options.benchmark !== false) {
    const rows = await getDb()
      .selectFrom("responses")
      .select(["id", "answers_json", "page_times_json", "source"])
      .where("organization_id", "=", orgId)
      .where("position_id", "=", position.positionId)
      .where("kind", "=", "agent")
      .orderBy("submitted_at")
      .execute();
    const snapshot = buildBenchmark(
      position.q,
      rows.map((r) => toRespondentInput(position.q, r)),
      {},
      "vb-1",
    );
    benchmarkId = newId();
    const now = nowIso();
    await getDb()
      .insertInto("benchmarks")
      .values({
        id: benchmarkId,
        organization_id: orgId,
        position_id: position.positionId,
        status: "active",
        snapshot_json: JSON.stringify(snapshot),
        created_at: now,
        created_by: null,
        activated_at: "2026-11-20T09:00:00.000Z",
        activated_by: null,
      })
      .execute();
  }
  return { ...position, benchmarkId };
}

/** A submitted candidate response, scored with scoreResponse when the position has an active benchmark. */
export async function addCandidate(
  orgId: string,
  position: { positionId: string; versionId: string },
  answers: Answers,
  label: string,
  options: { submitted?: boolean } = {},
) {
  const responseId = await makeResponseRow(orgId, position.positionId, position.versionId, "candidate", answers, {
    label,
    submitted: options.submitted,
  });
  const stored = await scoreResponse(orgId, responseId);
  return { responseId, result: stored?.result ?? null };
}

/** The six example candidates (questions/examples/candidates.csv) by their CSV id. */
export function exampleCandidates(): Record<string, Answers> {
  return Object.fromEntries(exampleRespondents("candidates.csv").map((c) => [c.respondent, c.answers]));
}
