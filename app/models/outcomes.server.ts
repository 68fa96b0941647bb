// Outcomes (issue 17): an organization's metrics (CSAT, QA score, handling time) and per-person values for the agents
// of a position and its hired candidates. Uploads are validated whole first; on any problem nothing is written. A
// re-upload replaces the values of the rows it contains (per person and metric) and leaves the others alone.
// Problems are worded by `problemText` (English by default, as the API reads them; `keyedProblem` for the staff page,
// which translates them for its reader, issue 18).
import { msg } from "~/i18n/message";
import { recordAudit } from "~/models/audit.server";
import { getPositionHeading } from "~/models/position.server";
import { englishProblem, type ProblemText } from "~/questionnaire/csv-problem-text";
import type { CsvProblem } from "~/questionnaire/responses-csv";
import { getDb, nowIso, type DB } from "~/utils/db.server";
import {
  METRIC_KEY,
  MIN_RATINGS,
  parseOutcomeValuesCsv,
  parseRatingsCsv,
  type RatingScale,
} from "~/utils/outcomes-csv";
import { toCsv } from "~/utils/csv";
import { newId } from "~/utils/tokens.server";
import type { AgentGroup, MetricDirection } from "../../db/types";

export type OutcomeActor = { userId: string; label: string };
export type Metric = { id: string; key: string; label: string; unit: string; direction: MetricDirection };
/** An agent of the position (either group) or a hired candidate: the people outcomes can be uploaded for. */
export type OutcomeRespondent = {
  responseId: string;
  kind: "agent" | "candidate";
  group: AgentGroup;
  label: string;
  email: string | null;
  /** What the upload's email column must say: the invitation's email, else the imported respondent id. */
  key: string;
  hiredOn: string | null;
};

/** At most this many problems are listed for one upload. */
export const MAX_UPLOAD_PROBLEMS = 50;

export async function listMetrics(orgId: string, db: DB = getDb()): Promise<Metric[]> {
  return db
    .selectFrom("metrics")
    .select(["id", "key", "label", "unit", "direction"])
    .where("organization_id", "=", orgId)
    .orderBy("key")
    .execute();
}

/** The key exists already; `message` is English, `keyed` the same message for a page to translate (~/i18n/message). */
export class MetricExistsError extends Error {
  readonly keyed: string;
  constructor(key: string) {
    super(`A metric with the key ${key} exists already.`);
    this.keyed = msg("outcomes:metric.exists", { key });
  }
}

/** A new metric of the organization (key unique per organization). */
export async function createMetric(
  orgId: string,
  input: { key: string; label: string; unit: string; direction: MetricDirection },
  actor: OutcomeActor,
): Promise<Metric> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const existing = await trx
        .selectFrom("metrics")
        .select("id")
        .where("organization_id", "=", orgId)
        .where("key", "=", input.key)
        .executeTakeFirst();
      if (existing) throw new MetricExistsError(input.key);
      const metric = { id: newId(), ...input };
      await trx
        .insertInto("metrics")
        .values({ ...metric, organization_id: orgId, created_at: nowIso() })
        .execute();
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "metric.created",
          targetType: "metric",
          targetId: metric.id,
          details: input,
        },
        trx,
      );
      return metric;
    });
}

/** Response id -> the date of its latest decision if that decision is `hired` (candidates of the position). */
export async function hiredCandidates(orgId: string, positionId: string, db: DB = getDb()) {
  const rows = await db
    .selectFrom("decisions as d")
    .innerJoin("responses as r", "r.id", "d.response_id")
    .select(["d.response_id", "d.decision", "d.decided_at", "d.hired_on"])
    .where("d.organization_id", "=", orgId)
    .where("r.organization_id", "=", orgId)
    .where("r.position_id", "=", positionId)
    .where("r.kind", "=", "candidate")
    .orderBy("d.decided_at")
    .execute();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.response_id, row);
  const hired = new Map<string, string>();
  for (const [id, row] of latest) {
    if (row.decision === "hired") hired.set(id, row.hired_on ?? row.decided_at.slice(0, 10));
  }
  return hired;
}

/** The position's submitted agents (both groups) and hired candidates, agents first, in submission order. */
export async function listOutcomeRespondents(
  orgId: string,
  positionId: string,
  db: DB = getDb(),
): Promise<OutcomeRespondent[]> {
  const hired = await hiredCandidates(orgId, positionId, db);
  const rows = await db
    .selectFrom("responses as r")
    .leftJoin("invitations as i", (join) =>
      join.onRef("i.id", "=", "r.invitation_id").on("i.organization_id", "=", orgId),
    )
    .select(["r.id", "r.kind", "r.agent_group", "r.respondent_label", "i.email"])
    .where("r.organization_id", "=", orgId)
    .where("r.position_id", "=", positionId)
    .where("r.submitted_at", "is not", null)
    .orderBy("r.kind")
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .execute();
  return rows
    .filter((r) => r.kind === "agent" || hired.has(r.id))
    .map((r) => ({
      responseId: r.id,
      kind: r.kind,
      group: r.agent_group,
      label: r.respondent_label,
      email: r.email,
      key: r.email ? r.email.toLowerCase() : r.respondent_label.trim(),
      hiredOn: hired.get(r.id) ?? null,
    }));
}

export type UploadResult =
  | {
      ok: true;
      metrics: { key: string; label: string; added: number; changed: number; unchanged: number }[];
      skipped: number;
      /** Ratings uploads: people whose mean rests on fewer than MIN_RATINGS ratings. */
      fewRatings: { label: string; count: number }[];
    }
  | { ok: false; problems: CsvProblem[]; unknownMetrics: string[] };

/** `now`: the upload's time; `problemText`: how problems are worded (English by default). */
export type UploadOptions = { now?: Date; problemText?: ProblemText };

type ValueWrite = { row: number; responseId: string; metricId: string; value: number; ratingCount: number | null };

function cap(problems: CsvProblem[]): CsvProblem[] {
  return problems.slice(0, MAX_UPLOAD_PROBLEMS);
}

/** Who -> respondent; a key naming two people of the position is a problem for every row that uses it. */
function respondentIndex(respondents: OutcomeRespondent[], text: ProblemText) {
  const byKey = new Map<string, OutcomeRespondent | "ambiguous">();
  for (const r of respondents) byKey.set(r.key, byKey.has(r.key) ? "ambiguous" : r);
  return (who: string, row: number, problems: CsvProblem[]): OutcomeRespondent | null => {
    const found = byKey.get(who);
    if (found === "ambiguous") {
      problems.push({ row, column: "email", message: text("twoPeople", { who }) });
      return null;
    }
    if (!found) {
      problems.push({ row, column: "email", message: text("notPerson", { who }) });
      return null;
    }
    return found;
  };
}

/** Writes the values (replacing each person's earlier value of the same metric) and counts what changed. */
async function writeValues(
  trx: DB,
  orgId: string,
  positionId: string,
  writes: ValueWrite[],
  actor: OutcomeActor,
  uploadedAt: string,
) {
  const counts = new Map<string, { added: number; changed: number; unchanged: number }>();
  for (const w of writes) {
    const count = counts.get(w.metricId) ?? { added: 0, changed: 0, unchanged: 0 };
    counts.set(w.metricId, count);
    const existing = await trx
      .selectFrom("outcomes")
      .select(["id", "value", "rating_count"])
      .where("organization_id", "=", orgId)
      .where("response_id", "=", w.responseId)
      .where("metric_id", "=", w.metricId)
      .executeTakeFirst();
    if (!existing) {
      count.added += 1;
      await trx
        .insertInto("outcomes")
        .values({
          id: newId(),
          organization_id: orgId,
          position_id: positionId,
          response_id: w.responseId,
          metric_id: w.metricId,
          value: w.value,
          rating_count: w.ratingCount,
          uploaded_at: uploadedAt,
          uploaded_by: actor.userId,
        })
        .execute();
    } else if (existing.value === w.value && existing.rating_count === w.ratingCount) {
      count.unchanged += 1;
    } else {
      count.changed += 1;
      await trx
        .updateTable("outcomes")
        .set({ value: w.value, rating_count: w.ratingCount, uploaded_at: uploadedAt, uploaded_by: actor.userId })
        .where("organization_id", "=", orgId)
        .where("id", "=", existing.id)
        .execute();
    }
  }
  return counts;
}

/** An upload of `email,metric,value` rows; see the module comment. */
export async function uploadOutcomeValues(
  orgId: string,
  positionId: string,
  csv: string,
  actor: OutcomeActor,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const { now = new Date(), problemText = englishProblem } = options;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const position = await getPositionHeading(orgId, positionId, trx);
      const parsed = parseOutcomeValuesCsv(csv, problemText);
      const metrics = new Map((await listMetrics(orgId, trx)).map((m) => [m.key, m]));
      const find = respondentIndex(await listOutcomeRespondents(orgId, position.id, trx), problemText);
      // the file's own problems, then who and which metric for every row: one upload lists every problem
      const problems: CsvProblem[] = parsed.ok ? [] : [...parsed.problems];
      const unknownMetrics = new Set<string>();
      const writes: ValueWrite[] = [];
      for (const row of parsed.rows) {
        const respondent = row.who === "" ? null : find(row.who, row.row, problems);
        const metric = metrics.get(row.metric);
        if (!metric && METRIC_KEY.test(row.metric)) {
          unknownMetrics.add(row.metric);
          problems.push({
            row: row.row,
            column: "metric",
            message: problemText("unknownMetricCreate", { metric: row.metric }),
          });
        }
        if (respondent && metric) {
          writes.push({
            row: row.row,
            responseId: respondent.responseId,
            metricId: metric.id,
            value: row.value,
            ratingCount: null,
          });
        }
      }
      if (problems.length === 0 && writes.length === 0) {
        problems.push({ row: 2, column: "value", message: problemText("noValues") });
      }
      if (problems.length > 0 || !parsed.ok) {
        problems.sort((a, b) => a.row - b.row);
        return { ok: false, problems: cap(problems), unknownMetrics: [...unknownMetrics] };
      }
      const uploadedAt = nowIso(now);
      const counts = await writeValues(trx, orgId, position.id, writes, actor, uploadedAt);
      const summary = [...metrics.values()]
        .filter((m) => counts.has(m.id))
        .map((m) => ({ key: m.key, label: m.label, ...counts.get(m.id)! }));
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "outcomes.uploaded",
          targetType: "position",
          targetId: position.id,
          details: { format: "values", rows: writes.length, skipped: parsed.skipped, metrics: summary },
        },
        trx,
      );
      return { ok: true, metrics: summary, skipped: parsed.skipped, fewRatings: [] };
    });
}

/** An upload of per-ticket ratings (`email,rating[,date]`) for one metric: each person's mean and count. */
export async function uploadRatings(
  orgId: string,
  positionId: string,
  metricKey: string,
  csv: string,
  actor: OutcomeActor,
  options: UploadOptions = {},
): Promise<UploadResult & { scale?: RatingScale }> {
  const { now = new Date(), problemText = englishProblem } = options;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const position = await getPositionHeading(orgId, positionId, trx);
      const metric = (await listMetrics(orgId, trx)).find((m) => m.key === metricKey);
      if (!metric) {
        return {
          ok: false,
          problems: [{ row: 1, column: null, message: problemText("unknownMetricChoose", { metric: metricKey }) }],
          unknownMetrics: [],
        };
      }
      const parsed = parseRatingsCsv(csv, problemText);
      if (!parsed.ok) return { ok: false, problems: cap(parsed.problems), unknownMetrics: [] };
      const respondents = await listOutcomeRespondents(orgId, position.id, trx);
      const find = respondentIndex(respondents, problemText);
      const problems: CsvProblem[] = [];
      const writes: ValueWrite[] = [];
      const fewRatings: { label: string; count: number }[] = [];
      for (const person of parsed.people) {
        const respondent = find(person.who, person.firstRow, problems);
        if (!respondent) continue;
        writes.push({
          row: person.firstRow,
          responseId: respondent.responseId,
          metricId: metric.id,
          value: person.mean,
          ratingCount: person.count,
        });
        if (person.count < MIN_RATINGS) fewRatings.push({ label: respondent.label, count: person.count });
      }
      if (problems.length > 0) return { ok: false, problems: cap(problems), unknownMetrics: [] };
      const counts = await writeValues(trx, orgId, position.id, writes, actor, nowIso(now));
      const summary = [{ key: metric.key, label: metric.label, ...counts.get(metric.id)! }];
      await recordAudit(
        {
          organizationId: orgId,
          actorUserId: actor.userId,
          actorLabel: actor.label,
          action: "outcomes.uploaded",
          targetType: "position",
          targetId: position.id,
          details: { format: "ratings", scale: parsed.scale, people: writes.length, metrics: summary },
        },
        trx,
      );
      return { ok: true, metrics: summary, skipped: 0, fewRatings, scale: parsed.scale };
    });
}

export type StoredOutcome = { responseId: string; metricKey: string; value: number; ratingCount: number | null };

/** Every outcome value of the position's people. */
export async function listPositionOutcomes(
  orgId: string,
  positionId: string,
  db: DB = getDb(),
): Promise<StoredOutcome[]> {
  const rows = await db
    .selectFrom("outcomes as o")
    .innerJoin("metrics as m", "m.id", "o.metric_id")
    .select(["o.response_id", "m.key", "o.value", "o.rating_count"])
    .where("o.organization_id", "=", orgId)
    .where("m.organization_id", "=", orgId)
    .where("o.position_id", "=", positionId)
    .orderBy("m.key")
    .execute();
  return rows.map((r) => ({
    responseId: r.response_id,
    metricKey: r.key,
    value: r.value,
    ratingCount: r.rating_count,
  }));
}

/** What the outcomes page shows: metrics, people and their values. */
export async function outcomesOverview(orgId: string, positionId: string) {
  const db = getDb();
  const position = await getPositionHeading(orgId, positionId, db);
  const [metrics, respondents, outcomes] = await Promise.all([
    listMetrics(orgId, db),
    listOutcomeRespondents(orgId, position.id, db),
    listPositionOutcomes(orgId, position.id, db),
  ]);
  const people = new Set(respondents.map((r) => r.responseId));
  const perMetric = metrics.map((m) => {
    const values = outcomes.filter((o) => o.metricKey === m.key && people.has(o.responseId));
    const kindOf = new Map(respondents.map((r) => [r.responseId, r.kind]));
    return {
      ...m,
      agents: values.filter((v) => kindOf.get(v.responseId) === "agent").length,
      hires: values.filter((v) => kindOf.get(v.responseId) === "candidate").length,
      fewRatings: values.filter((v) => v.ratingCount !== null && v.ratingCount < MIN_RATINGS).length,
    };
  });
  return {
    position: { id: position.id, title: position.title },
    metrics: perMetric,
    agents: respondents.filter((r) => r.kind === "agent").length,
    hires: respondents.filter((r) => r.kind === "candidate").length,
  };
}

/**
 * The template: one row per person and metric (one row with an empty metric when there is none yet). Its header names
 * are the machine column names the values upload parses (parseOutcomeValuesCsv: email, metric, value and the ignored
 * name), so they stay English in every language, like the file name.
 */
export async function outcomesTemplateCsv(orgId: string, positionId: string) {
  const position = await getPositionHeading(orgId, positionId);
  const [metrics, respondents] = await Promise.all([listMetrics(orgId), listOutcomeRespondents(orgId, position.id)]);
  const keys = metrics.length ? metrics.map((m) => m.key) : [""];
  const rows: string[][] = [["email", "name", "metric", "value"]];
  for (const r of respondents) for (const key of keys) rows.push([r.key, r.label, key, ""]);
  return { filename: `outcomes-template-${position.id}.csv`, csv: toCsv(rows) };
}
