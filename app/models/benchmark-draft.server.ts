// The draft benchmark of a position: its submitted agents and the recruiters' overrides, built by the engine live
// (never stored; activating stores it, see benchmark.server.ts).
import {
  buildBenchmark,
  CURRENT_ALGORITHM,
  type BenchmarkOverrides,
  type BenchmarkSnapshot,
  type RespondentInput,
} from "~/scoring";
import type { Questionnaire } from "~/questionnaire/types";
import { getDb, type DB } from "~/utils/db.server";
import { loadQuestionnaireContent, toRespondentInput } from "./respondent-input.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function getPositionForBenchmark(orgId: string, positionId: string, db: DB = getDb()) {
  const position = await db
    .selectFrom("positions")
    .select(["id", "organization_id", "title", "questionnaire_version_id", "status"])
    .where("organization_id", "=", orgId)
    .where("id", "=", positionId)
    .executeTakeFirst();
  return position ?? notFound();
}

export type AgentRow = {
  id: string;
  respondent_label: string;
  source: "web" | "import";
  answers_json: string;
  page_times_json: string;
  submitted_at: string | null;
  /** "top" agents form the benchmark; "comparison" agents only enter the contrast (SCORING.md section 11). */
  agent_group: "top" | "comparison";
};

/** Submitted agent responses of the position on its questionnaire version, in submission order (the input order). */
export async function listSubmittedAgents(
  orgId: string,
  positionId: string,
  versionId: string,
  db: DB,
): Promise<AgentRow[]> {
  return db
    .selectFrom("responses")
    .select(["id", "respondent_label", "source", "answers_json", "page_times_json", "submitted_at", "agent_group"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "agent")
    .where("questionnaire_version_id", "=", versionId)
    .where("submitted_at", "is not", null)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
}

export async function listMembers(orgId: string, positionId: string, db: DB) {
  return db
    .selectFrom("benchmark_members")
    .leftJoin("users", "users.id", "benchmark_members.updated_by")
    .select([
      "benchmark_members.response_id",
      "benchmark_members.decision",
      "benchmark_members.reason",
      "benchmark_members.updated_at",
      "users.name as updated_by_name",
    ])
    .where("benchmark_members.organization_id", "=", orgId)
    .where("benchmark_members.position_id", "=", positionId)
    .execute();
}

export type DraftBenchmark = {
  positionId: string;
  questionnaireVersionId: string;
  q: Questionnaire;
  snapshot: BenchmarkSnapshot;
  inputs: RespondentInput[];
  overrides: BenchmarkOverrides;
  /** Response id -> the person's label (the snapshot only holds response ids). */
  labels: Record<string, string>;
  members: Awaited<ReturnType<typeof listMembers>>;
};

/** The benchmark the position would get now: its submitted agents, minus flags and recruiter exclusions. */
export async function computeDraftBenchmark(
  orgId: string,
  positionId: string,
  db: DB = getDb(),
): Promise<DraftBenchmark> {
  const position = await getPositionForBenchmark(orgId, positionId, db);
  const q = await loadQuestionnaireContent(orgId, position.questionnaire_version_id, db);
  const agents = await listSubmittedAgents(orgId, positionId, position.questionnaire_version_id, db);
  const members = await listMembers(orgId, positionId, db);
  const agentIds = new Set(agents.map((a) => a.id));
  const overrides: BenchmarkOverrides = {
    include: members.filter((m) => m.decision === "include" && agentIds.has(m.response_id)).map((m) => m.response_id),
    exclude: members.filter((m) => m.decision === "exclude" && agentIds.has(m.response_id)).map((m) => m.response_id),
  };
  const inputs = agents.map((a) => ({ ...toRespondentInput(q, a), group: a.agent_group }));
  // New benchmarks use the current algorithm (vb-2); stored ones keep theirs.
  const snapshot = buildBenchmark(q, inputs, overrides, CURRENT_ALGORITHM);
  const labels = Object.fromEntries(agents.map((a) => [a.id, a.respondent_label]));
  return {
    positionId,
    questionnaireVersionId: position.questionnaire_version_id,
    q,
    snapshot,
    inputs,
    overrides,
    labels,
    members,
  };
}
