// The values benchmark of a position: draft from the submitted agents, diagnostics, recruiter overrides, activation.
// Status flow: the draft is computed live from the agents and the overrides (never stored); activating stores the
// snapshot as a new `active` row and archives the previous active one. Candidates are scored against the active row.
import {
  agentValueScores,
  computeFlags,
  CURRENT_ALGORITHM,
  FULL_BENCHMARK_N,
  leaveOneOutMeans,
  MIN_BENCHMARK_N,
  parseStoredSnapshot,
  type BenchmarkSnapshot,
  type FlagName,
} from "~/scoring";
import { MIN_CONTRAST_N } from "~/scoring/contrast";
import type { Questionnaire } from "~/questionnaire/types";
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { formatterFor, type Formatter } from "~/i18n/format";
import type { Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { staffT } from "~/i18n/staff-catalogs.server";
import { flagMeaning } from "~/utils/report-wording";
import { describeActivationConcerns, storedAlgorithm, type Actor } from "./benchmark-activation.server";
import { computeDraftBenchmark, getPositionForBenchmark } from "./benchmark-draft.server";
import { countSubmittedCandidates } from "./position.server";
import { getActiveBenchmarkRow } from "./score.server";

/** Below this many agents a value has no spread and no percentiles (SCORING.md section 4). */
export const MIN_AGENTS = MIN_BENCHMARK_N;
/** From this many agents the spread is used as is; 5..9 are shrunk toward the pooled spread. */
export const FULL_AGENTS = FULL_BENCHMARK_N;
export const LOW_ALPHA = 0.6;
export const CLEAR_CONSENSUS_SHARE = 0.5;

export type { Actor };

export { computeDraftBenchmark, getPositionForBenchmark, type DraftBenchmark } from "./benchmark-draft.server";
export {
  activateBenchmark,
  ActivationReasonRequiredError,
  CannotRescoreError,
  NothingToActivateError,
  reasonRequiredMessage,
  rescoreWithCurrentAlgorithm,
} from "./benchmark-activation.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export type Warning = { level: "error" | "warning" | "info"; message: string; valueId?: string; itemId?: string };

/**
 * Plain-language warnings about a snapshot in the reader's language (`t`: any staff binding; thresholds of SCORING.md
 * sections 4 and 5 from the engine; no math of its own); numbers in the reader's format (`f`).
 */
export function benchmarkWarnings(
  q: Questionnaire,
  snapshot: BenchmarkSnapshot,
  t: Translate,
  f: Formatter,
): Warning[] {
  const warnings: Warning[] = [];
  if (snapshot.included.length === 0) {
    warnings.push({
      level: "error",
      message: t(snapshot.agents === 0 ? "benchmark:warn.noAgents" : "benchmark:warn.allExcluded"),
    });
    return warnings;
  }
  for (const value of q.values) {
    const s = snapshot.values[value.id];
    if (!s) continue;
    if (s.n < MIN_AGENTS) {
      warnings.push({
        level: "error",
        valueId: value.id,
        message: t("benchmark:warn.fewAgents", { value: value.name, count: s.n, min: MIN_AGENTS }),
      });
    } else if (s.n < FULL_AGENTS) {
      warnings.push({
        level: "warning",
        valueId: value.id,
        message: t("benchmark:warn.shrunk", {
          value: value.name,
          n: s.n,
          min: MIN_AGENTS,
          last: FULL_AGENTS - 1,
          full: FULL_AGENTS,
        }),
      });
    }
    if (s.alpha !== null && s.alpha < LOW_ALPHA) {
      warnings.push({
        level: "warning",
        valueId: value.id,
        message: t("benchmark:warn.lowAlpha", {
          value: value.name,
          alpha: f.number(s.alpha, 2),
          min: f.number(LOW_ALPHA),
        }),
      });
    }
  }
  for (const value of q.values) {
    for (const item of value.items) {
      if (item.type !== "scenario") continue;
      const c = snapshot.scenarios[item.id];
      if (!c) continue;
      const shares = Object.values(c.shares);
      const top = shares.length ? Math.max(...shares) : 0;
      if (!c.scored) {
        warnings.push({
          level: "warning",
          valueId: value.id,
          itemId: item.id,
          message: t("benchmark:warn.scenarioFew", { item: item.text, count: c.m, min: MIN_AGENTS }),
        });
      } else if (top < CLEAR_CONSENSUS_SHARE) {
        warnings.push({
          level: "warning",
          valueId: value.id,
          itemId: item.id,
          message: t("benchmark:warn.noConsensus", {
            item: item.text,
            share: f.percent(top),
            min: f.percent(CLEAR_CONSENSUS_SHARE),
          }),
        });
      }
    }
  }
  return warnings;
}

export type AgentDiagnostics = {
  responseId: string;
  label: string;
  /** Top agents form the benchmark; comparison agents only the contrast (issue 17). */
  group: "top" | "comparison";
  source: "web" | "import";
  flags: FlagName[];
  flagExplanations: string[];
  hard: boolean;
  status: "included" | "excluded";
  /** Why excluded: a hard flag (automatic) or a recruiter's decision. */
  excludedBy: "flags" | "recruiter" | null;
  /** The recruiter's last decision on this agent and its reason, if any. */
  override: { decision: "include" | "exclude"; reason: string; at: string; by: string | null } | null;
  /** Value id -> the agent's value score (null: insufficient answers). */
  scores: Record<string, number | null>;
  /** Value id -> benchmark mean with this agent minus the mean without them; null for excluded agents. */
  pull: Record<string, number | null> | null;
  /** Value id -> the mean without this agent; null for excluded agents. */
  meanWithout: Record<string, number | null> | null;
};

/** Everything the benchmark page shows: draft snapshot, agents with flags and pull, warnings, active and history. */
export async function getBenchmarkDiagnostics(orgId: string, positionId: string, locale: Locale = "en") {
  const tw = staffT(locale, "wording");
  const tb = staffT(locale, "benchmark");
  const db = getDb();
  const position = await getPositionForBenchmark(orgId, positionId, db);
  const draft = await computeDraftBenchmark(orgId, positionId, db);
  const { q, snapshot, inputs, overrides } = draft;
  const loo = new Map(leaveOneOutMeans(q, inputs, overrides).map((l) => [l.respondent, l.means]));
  const excluded = new Map<string, { reason: "flags" | "recruiter" }>(snapshot.excluded.map((e) => [e.respondent, e]));
  // Comparison agents left out of the contrast: by a recruiter, else by a hard flag.
  for (const e of snapshot.contrast?.excluded ?? []) {
    excluded.set(e.respondent, { reason: overrides.exclude?.includes(e.respondent) ? "recruiter" : "flags" });
  }
  const memberById = new Map(draft.members.map((m) => [m.response_id, m]));
  const sources = await db
    .selectFrom("responses")
    .select(["id", "source"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "agent")
    .execute();
  const sourceById = new Map(sources.map((s) => [s.id, s.source]));
  const agents: AgentDiagnostics[] = inputs.map((input) => {
    const { flags, hard } = computeFlags(q, input);
    const ex = excluded.get(input.respondent);
    const member = memberById.get(input.respondent);
    const without = loo.get(input.respondent) ?? null;
    let pull: Record<string, number | null> | null = null;
    if (without) {
      pull = {};
      for (const value of q.values) {
        const withMean = snapshot.values[value.id]?.mean ?? null;
        const withoutMean = without[value.id];
        pull[value.id] = withMean === null || withoutMean === null ? null : withMean - withoutMean;
      }
    }
    return {
      responseId: input.respondent,
      label: draft.labels[input.respondent] ?? input.respondent,
      group: input.group ?? "top",
      source: sourceById.get(input.respondent) ?? "web",
      flags,
      flagExplanations: flags.map((f) => flagMeaning(tw, f, snapshot.algorithmVersion)),
      hard,
      status: ex ? "excluded" : "included",
      excludedBy: ex ? ex.reason : null,
      override: member
        ? {
            decision: member.decision,
            reason: member.reason,
            at: member.updated_at,
            by: member.updated_by_name ?? null,
          }
        : null,
      scores: agentValueScores(q, snapshot, input),
      pull,
      meanWithout: without,
    };
  });
  const active = await getActiveBenchmarkRow(orgId, positionId, db);
  const activeSnapshot = active ? parseStoredSnapshot(active.snapshot_json) : null;
  const history = await db
    .selectFrom("benchmarks")
    .leftJoin("users", "users.id", "benchmarks.activated_by")
    .select([
      "benchmarks.id",
      "benchmarks.status",
      "benchmarks.activated_at",
      "benchmarks.created_at",
      "benchmarks.snapshot_json",
      "benchmarks.algorithm_version",
      "users.name as activated_by_name",
    ])
    .where("benchmarks.organization_id", "=", orgId)
    .where("benchmarks.position_id", "=", positionId)
    .where("benchmarks.status", "in", ["active", "archived"])
    .orderBy("benchmarks.activated_at", "desc")
    .execute();
  const submittedCandidates = await countSubmittedCandidates(orgId, positionId, db);
  return {
    position: { id: position.id, title: position.title },
    questionnaire: { id: q.id, version: q.version, title: q.title },
    values: q.values.map((v) => ({ id: v.id, name: v.name, direction: v.direction, weight: v.weight })),
    scenarios: q.values.flatMap((v) =>
      v.items.flatMap((item) =>
        item.type === "scenario"
          ? [
              {
                id: item.id,
                valueId: v.id,
                text: item.text,
                options: item.options,
                consensus: snapshot.scenarios[item.id],
              },
            ]
          : [],
      ),
    ),
    snapshot,
    agents,
    warnings: benchmarkWarnings(q, snapshot, tb, formatterFor(locale)),
    /** Values that make activation need a written reason (issue 21, point 6). */
    activationConcerns: describeActivationConcerns(q, snapshot, tb, formatterFor(locale)),
    /** The engine's thresholds the page names (SCORING.md sections 4 and 9): agents per value, and for the contrast. */
    limits: { minAgents: MIN_AGENTS, fullAgents: FULL_AGENTS, minContrast: MIN_CONTRAST_N },
    active: active
      ? {
          id: active.id,
          activatedAt: active.activated_at,
          activatedBy: history.find((h) => h.id === active.id)?.activated_by_name ?? null,
          snapshot: activeSnapshot as BenchmarkSnapshot,
          algorithmVersion: storedAlgorithm(active.algorithm_version),
        }
      : null,
    /** True when activating now would change the snapshot candidates are scored against. */
    draftDiffers: !active || active.snapshot_json !== JSON.stringify(snapshot),
    history: history
      .filter((h) => h.status === "archived")
      .map((h) => {
        const s = parseStoredSnapshot(h.snapshot_json);
        return {
          id: h.id,
          algorithmVersion: storedAlgorithm(h.algorithm_version),
          activatedAt: h.activated_at,
          activatedBy: h.activated_by_name ?? null,
          included: s.included.length,
          agents: s.agents,
        };
      }),
    submittedCandidates,
    /** The algorithm new activations and re-scoring use. */
    currentAlgorithm: CURRENT_ALGORITHM,
  };
}

export type BenchmarkDiagnostics = Awaited<ReturnType<typeof getBenchmarkDiagnostics>>;

/** A submitted or unsubmitted agent response of the position, or 404. */
async function requireAgentResponse(orgId: string, positionId: string, responseId: string, db: DB) {
  const row = await db
    .selectFrom("responses")
    .select(["id", "respondent_label"])
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("kind", "=", "agent")
    .where("id", "=", responseId)
    .executeTakeFirst();
  return row ?? notFound();
}

/** Records a recruiter's include/exclude of one agent (reason required) and audits it. The draft changes at once. */
export async function setAgentMembership(
  orgId: string,
  positionId: string,
  responseId: string,
  decision: "include" | "exclude",
  reason: string,
  user: Actor,
): Promise<void> {
  const text = reason.trim();
  if (!text) throw new Error("A reason is required.");
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await getPositionForBenchmark(orgId, positionId, trx);
      const agent = await requireAgentResponse(orgId, positionId, responseId, trx);
      const now = nowIso();
      await trx
        .insertInto("benchmark_members")
        .values({
          response_id: responseId,
          organization_id: orgId,
          position_id: positionId,
          decision,
          reason: text,
          updated_by: user.id,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column("response_id").doUpdateSet({ decision, reason: text, updated_by: user.id, updated_at: now }),
        )
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: user.id,
          actorLabel: user.email,
          action: decision === "include" ? "benchmark.agent_included" : "benchmark.agent_excluded",
          targetType: "response",
          targetId: responseId,
          details: { positionId, agent: agent.respondent_label, reason: text },
        },
        trx,
      );
    });
}
