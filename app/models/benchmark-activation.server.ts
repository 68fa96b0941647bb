// Activating a position's benchmark and re-scoring an older-algorithm one: the new active snapshot, the audit entry
// and the durable "to score" marks in one transaction, then the candidates re-scored against it.
import {
  activationConcerns,
  buildBenchmark,
  GUARD_MIN_ALPHA,
  MIN_BENCHMARK_N,
  CURRENT_ALGORITHM,
  isAlgorithmVersion,
  parseStoredSnapshot,
  type AlgorithmVersion,
  type BenchmarkSnapshot,
} from "~/scoring";
import type { Questionnaire } from "~/questionnaire/types";
import { formatterFor, type Formatter } from "~/i18n/format";
import type { Translate, TranslateVars } from "~/i18n/i18n";
import { staffT } from "~/i18n/staff-catalogs.server";
import { recordAudit } from "~/models/audit.server";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import { serializable } from "~/utils/transaction.server";
import { newId } from "~/utils/tokens.server";
import {
  computeDraftBenchmark,
  getPositionForBenchmark,
  listMembers,
  listSubmittedAgents,
} from "./benchmark-draft.server";
import { loadQuestionnaireContent, toRespondentInput } from "./respondent-input.server";
import { getActiveBenchmarkRow } from "./score.server";
import { listMarkedResponses, markPositionForScoring, runScoringJobs } from "./scoring-jobs.server";
import { enqueueWebhookEvent } from "./webhook-events.server";

export type Actor = { id: string; email: string };

export /** A benchmark row's algorithm_version (written only by this module; the migration's default is vb-1). */
function storedAlgorithm(value: string): AlgorithmVersion {
  if (!isAlgorithmVersion(value)) throw new Error(`benchmark with unknown algorithm_version "${value}"`);
  return value;
}

/** The draft has no included agent. `key`: its sentence in the staff catalogs (the message is the English one). */
export class NothingToActivateError extends Error {
  readonly key = "benchmark:concern.nothingToActivate";
  constructor() {
    super(staffT("en", "benchmark")("benchmark:concern.nothingToActivate"));
    this.name = "NothingToActivateError";
  }
}

/** A value the draft is weak on (the engine's activation guard), with its name: why activating it needs a reason. */
export type ActivationConcernView = {
  valueId: string;
  valueName: string;
  kind: "few-agents" | "low-alpha";
  n: number | null;
  alpha: number | null;
  /** The concern in a sentence, in the language it was described in. */
  message: string;
};

/** One concern in a sentence, in the language of `t` (any staff binding); numbers in the format of `f`. */
export function concernSentence(
  t: Translate,
  f: Formatter,
  c: Pick<ActivationConcernView, "valueName" | "kind" | "n" | "alpha">,
): string {
  return c.kind === "few-agents"
    ? t("benchmark:concern.fewAgents", { value: c.valueName, count: c.n ?? 0, min: MIN_BENCHMARK_N })
    : t("benchmark:concern.lowAlpha", {
        value: c.valueName,
        alpha: f.number(c.alpha ?? 0, 2),
        min: f.number(GUARD_MIN_ALPHA),
      });
}

/**
 * The draft's values that make activation need a reason (thresholds: the engine's activation guard), said in the
 * language of `t` (English by default: the audit log keeps them in English).
 */
export function describeActivationConcerns(
  q: Questionnaire,
  snapshot: BenchmarkSnapshot,
  t: Translate = staffT("en", "benchmark"),
  f: Formatter = formatterFor("en"),
): ActivationConcernView[] {
  const nameOf = (id: string) => q.values.find((v) => v.id === id)?.name ?? id;
  return activationConcerns(
    snapshot,
    q.values.map((v) => v.id),
  ).map((c) => {
    const view = {
      valueId: c.valueId,
      valueName: nameOf(c.valueId),
      kind: c.kind,
      n: c.kind === "few-agents" ? c.n : null,
      alpha: c.kind === "few-agents" ? null : c.alpha,
    };
    return { ...view, message: concernSentence(t, f, view) };
  });
}

/**
 * Activation of a draft with concerns needs a written reason (admins only; the reason goes to the audit log). The
 * message is English; the page says it in the reader's language with `reasonRequiredMessage`.
 */
export class ActivationReasonRequiredError extends Error {
  constructor(readonly concerns: ActivationConcernView[]) {
    super(reasonRequiredMessage(staffT("en", "benchmark"), formatterFor("en"), concerns));
    this.name = "ActivationReasonRequiredError";
  }
}

/** "Give a reason to activate despite: …" in the language of `t`. */
export function reasonRequiredMessage(t: Translate, f: Formatter, concerns: ActivationConcernView[]): string {
  return t("benchmark:concern.reasonRequired", { concerns: concerns.map((c) => concernSentence(t, f, c)).join(" ") });
}

/**
 * Inside the caller's transaction: archives the position's active benchmark, stores `snapshot` as the new active one
 * (with its algorithm) and marks every submitted candidate of the position "to score".
 */
async function storeActiveSnapshot(
  trx: DB,
  orgId: string,
  positionId: string,
  snapshot: BenchmarkSnapshot,
  user: Actor,
): Promise<{ benchmarkId: string; candidatesToScore: number }> {
  const now = nowIso();
  const archived = await getActiveBenchmarkRow(orgId, positionId, trx);
  await trx
    .updateTable("benchmarks")
    .set({ status: "archived" })
    .where("organization_id", "=", orgId)
    .where("position_id", "=", positionId)
    .where("status", "=", "active")
    .execute();
  const benchmarkId = newId();
  await trx
    .insertInto("benchmarks")
    .values({
      id: benchmarkId,
      organization_id: orgId,
      position_id: positionId,
      status: "active",
      snapshot_json: JSON.stringify(snapshot),
      algorithm_version: snapshot.algorithmVersion,
      created_at: now,
      created_by: user.id,
      activated_at: now,
      activated_by: user.id,
    })
    .execute();
  const candidatesToScore = await markPositionForScoring(trx, orgId, positionId);
  await enqueueWebhookEvent(trx, orgId, "benchmark.activated", {
    positionId,
    benchmarkId,
    algorithmVersion: snapshot.algorithmVersion,
    archivedBenchmarkId: archived?.id ?? null,
    agents: snapshot.agents,
    candidatesToScore,
  });
  return { benchmarkId, candidatesToScore };
}

/**
 * In one transaction: archives the active snapshot, stores the current draft as the new active one, audits it and
 * marks every submitted candidate of the position "to score". Once that has committed, each marked candidate is
 * re-scored against it (old scores stay as history) and its mark cleared; a crash in between leaves the marks for
 * the next server start, and a candidate that cannot be scored keeps its mark with the error (scoring-jobs.server.ts).
 */
export async function activateBenchmark(
  orgId: string,
  positionId: string,
  user: Actor,
  /**
   * The admin's reason from the activation form: required (non-empty) when the draft has concerns
   * (describeActivationConcerns). null for activations no person confirms on the page (the demo seed, tests): no guard,
   * the concerns are still audited.
   */
  reason: string | null = null,
): Promise<{ benchmarkId: string; rescored: number; archivedId: string | null }> {
  const activated = await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const draft = await computeDraftBenchmark(orgId, positionId, trx);
      if (draft.snapshot.included.length === 0) throw new NothingToActivateError();
      // Checked on the draft being activated, inside the transaction: the one the admin saw may have changed since.
      const concerns = describeActivationConcerns(draft.q, draft.snapshot);
      if (reason !== null && concerns.length > 0 && reason.trim() === "") {
        throw new ActivationReasonRequiredError(concerns);
      }
      const previous = await getActiveBenchmarkRow(orgId, positionId, trx);
      const { benchmarkId, candidatesToScore } = await storeActiveSnapshot(
        trx,
        orgId,
        positionId,
        draft.snapshot,
        user,
      );
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: user.id,
          actorLabel: user.email,
          action: "benchmark.activated",
          targetType: "benchmark",
          targetId: benchmarkId,
          details: {
            positionId,
            archived: previous?.id ?? null,
            algorithm: draft.snapshot.algorithmVersion,
            agents: draft.snapshot.agents,
            included: draft.snapshot.included.length,
            excluded: draft.snapshot.excluded.map((e) => ({ responseId: e.respondent, reason: e.reason })),
            candidatesToScore,
            concerns: concerns.map((c) => c.message),
            reason: reason?.trim() || null,
          },
        },
        trx,
      );
      return { benchmarkId, archivedId: previous?.id ?? null };
    });
  const rescored = await runScoringJobs(orgId, await listMarkedResponses(orgId, positionId));
  return { ...activated, rescored };
}

/**
 * Why the active benchmark cannot be re-scored with the current algorithm: a sentence of the staff catalogs (`key`,
 * `vars`) the page says in the reader's language; the message is the English one.
 */
export class CannotRescoreError extends Error {
  constructor(
    readonly key: string,
    readonly vars: TranslateVars = {},
  ) {
    super(staffT("en", "benchmark")(key, vars));
    this.name = "CannotRescoreError";
  }
}

/**
 * "Re-score with vb-2": the active benchmark, built with an older algorithm, is built again under the current one
 * from the same agents with the same membership (its included agents stay included, the agents a recruiter excluded
 * stay excluded; hard flags of vb-1 are hard flags of vb-2 too), with the position's comparison agents for the
 * contrast, and stored as the new active benchmark, audited as
 * `benchmark.rescored`; then every submitted candidate is re-scored against it, as on activation. The old benchmark
 * and the scores made against it are kept as history and still recompute under their own algorithm.
 */
export async function rescoreWithCurrentAlgorithm(
  orgId: string,
  positionId: string,
  user: Actor,
): Promise<{ benchmarkId: string; rescored: number; archivedId: string }> {
  const stored = await serializable(getDb())
    .transaction()
    .execute(async (trx) => {
      const position = await getPositionForBenchmark(orgId, positionId, trx);
      const active = await getActiveBenchmarkRow(orgId, positionId, trx);
      if (!active) throw new CannotRescoreError("benchmark:rescore.noActive");
      const from = storedAlgorithm(active.algorithm_version);
      if (from === CURRENT_ALGORITHM) {
        throw new CannotRescoreError("benchmark:rescore.alreadyCurrent", { algorithm: CURRENT_ALGORITHM });
      }
      const previous = parseStoredSnapshot(active.snapshot_json);
      const recruiterExcluded = previous.excluded.filter((e) => e.reason === "recruiter").map((e) => e.respondent);
      const members = new Set([...previous.included, ...previous.excluded.map((e) => e.respondent)]);
      const q = await loadQuestionnaireContent(orgId, position.questionnaire_version_id, trx);
      const submitted = await listSubmittedAgents(orgId, positionId, position.questionnaire_version_id, trx);
      const found = submitted.filter((a) => members.has(a.id)).length;
      if (found !== members.size) {
        throw new CannotRescoreError("benchmark:rescore.agentsGone", {
          missing: members.size - found,
          count: members.size,
        });
      }
      // vb-1 had no comparison group: vb-2 compares with the position's submitted comparison agents under the
      // recruiters' current decisions on them, as an activation would; they never enter the benchmark itself.
      const agents = submitted.filter((a) => members.has(a.id) || a.agent_group === "comparison");
      const comparison = new Set(agents.filter((a) => a.agent_group === "comparison").map((a) => a.id));
      const decisions = (await listMembers(orgId, positionId, trx)).filter((m) => comparison.has(m.response_id));
      const decided = (d: "include" | "exclude") => decisions.filter((m) => m.decision === d).map((m) => m.response_id);
      const snapshot = buildBenchmark(
        q,
        agents.map((a) => ({ ...toRespondentInput(q, a), group: a.agent_group })),
        {
          include: [...previous.included, ...decided("include")],
          exclude: [...recruiterExcluded, ...decided("exclude")],
        },
        CURRENT_ALGORITHM,
      );
      const { benchmarkId, candidatesToScore } = await storeActiveSnapshot(trx, orgId, positionId, snapshot, user);
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: user.id,
          actorLabel: user.email,
          action: "benchmark.rescored",
          targetType: "benchmark",
          targetId: benchmarkId,
          details: {
            positionId,
            from,
            to: snapshot.algorithmVersion,
            archived: active.id,
            agents: snapshot.agents,
            included: snapshot.included.length,
            candidatesToScore,
          },
        },
        trx,
      );
      return { benchmarkId, archivedId: active.id };
    });
  const rescored = await runScoringJobs(orgId, await listMarkedResponses(orgId, positionId));
  return { ...stored, rescored };
}
