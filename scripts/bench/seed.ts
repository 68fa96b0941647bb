// The one seeding of the bench's data (issue 19), used by `npm run bench`, scripts/keyset-measure.ts and
// scripts/report-measure.ts, on SQLite or PostgreSQL (whatever database getDb() returns when it is called).
//
// What is written, and by what:
// - an organization, a recruiter and the recruiter's session (test/factories.ts, as the integration tests do);
// - a questionnaire of 8 values x 5 items from the item bank (4 statements + 1 scenario each) and 2 attention items,
//   published (test/factories-benchmark.ts);
// - positions through the app's createPosition; 40 agents' submitted responses per position;
// - candidates' submitted responses, inserted as rows (multi-row INSERTs: the app has no bulk path for candidates,
//   who arrive one at a time through invitations);
// - every SCORE through the app itself: activateBenchmark (app/models/benchmark-activation.server.ts) builds the
//   snapshot from the agents, marks the candidates and re-scores them with runScoringJobs -> scoreResponses ->
//   storeResults (app/models/score-writes.server.ts), exactly as an admin's activation does. No copy of the storage
//   code: a change to it changes what the bench measures.
// Answers come from a seeded generator, so every run stores the same answers (ids and timestamps of the run differ).
//
// App modules are imported inside the functions: the bench sets the environment before any of them loads.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import type { Questionnaire } from "../../app/questionnaire/types";
import type { Answers } from "../../app/scoring";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BANKS = [
  "empathy",
  "patience",
  "respect",
  "responsiveness",
  "ownership",
  "listening",
  "honesty",
  "clear-communication",
] as const;
export const AGENTS = 40;
/** Rows per multi-row INSERT of responses (16 columns: far below both databases' parameter limits). */
const ROWS_PER_INSERT = 500;
/** First candidate's submission time; candidate i is submitted i seconds later. */
const BASE_TIME = Date.UTC(2026, 0, 1);

/** The deterministic generator of the answers (mulberry32, seed 20261123 as before issue 19). */
export function seededRandom(seed = 20_261_123): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bench's questionnaire, before publishing: 8 values x (4 statements + 1 scenario) + 2 attention items. */
export async function benchQuestionnaireDraft(): Promise<Questionnaire> {
  const { loadQuestionnaireFile } = await import("../../app/questionnaire/load.server");
  const attention = (
    YAML.parse(fs.readFileSync(path.join(ROOT, "questions/attention.yaml"), "utf8")) as {
      attention: Questionnaire["attention"];
    }
  ).attention.slice(0, 2);
  return {
    id: "bench-service-values",
    version: 1,
    title: "Service values (bench)",
    virtues: [],
    locale: "en",
    attention,
    values: BANKS.map((bank) => {
      const value = loadQuestionnaireFile(path.join(ROOT, `questions/bank/${bank}.yaml`)).values[0];
      const statements = value.items.filter((i) => i.type !== "scenario").slice(0, 4);
      const scenario = value.items.filter((i) => i.type === "scenario").slice(0, 1);
      return { ...value, items: [...statements, ...scenario] };
    }),
  };
}

/** Every answer each question accepts, as the strings a form posts (attention items: only the expected one). */
export function answerChoices(q: Questionnaire): Map<string, string[]> {
  const choices = new Map<string, string[]>();
  for (const a of q.attention) choices.set(a.id, [String(a.expect)]);
  for (const value of q.values)
    for (const item of value.items)
      choices.set(
        item.id,
        item.type === "scenario"
          ? item.options.map((o) => o.id)
          : Array.from({ length: item.scale.max - item.scale.min + 1 }, (_, k) => String(item.scale.min + k)),
      );
  return choices;
}

export type BenchOrg = {
  orgId: string;
  recruiter: { id: string; email: string };
  /** `Cookie` header value of the recruiter's session. */
  staffCookie: string;
  actor: { userId: string; label: string };
  q: Questionnaire;
  versionId: string;
  choices: Map<string, string[]>;
  randomAnswers: () => Answers;
};

/** Organization, recruiter with a session, the published questionnaire (in `dir`, its YAML is written). */
export async function seedOrganization(dir: string, name = "Bench Support"): Promise<BenchOrg> {
  const { makeOrganization, makeUser, sessionCookieFor } = await import("../../test/factories");
  const { makePublishedVersion } = await import("../../test/factories-benchmark");
  const { questionnaireToYaml } = await import("../../app/questionnaire/load.server");
  const org = await makeOrganization(name);
  const recruiter = await makeUser(org.id, "recruiter");
  const staffCookie = await sessionCookieFor(recruiter.id);
  const yamlFile = path.join(dir, "questionnaire.yaml");
  fs.writeFileSync(yamlFile, questionnaireToYaml(await benchQuestionnaireDraft()));
  const { versionId, q } = await makePublishedVersion(org.id, yamlFile);
  const choices = answerChoices(q);
  const random = seededRandom();
  const randomAnswers = (): Answers => {
    const answers: Answers = {};
    for (const [id, options] of choices) {
      const text = options[Math.floor(random() * options.length)];
      answers[id] = /^\d+$/.test(text) ? Number(text) : text;
    }
    return answers;
  };
  return {
    orgId: org.id,
    recruiter: { id: recruiter.id, email: recruiter.email },
    staffCookie,
    actor: { userId: recruiter.id, label: recruiter.email },
    q,
    versionId,
    choices,
    randomAnswers,
  };
}

let inserted = 0;

/**
 * `count` submitted responses of one kind on the position, labelled `<labelPrefix> 1..count`, in multi-row INSERTs;
 * submitted one second apart in insertion order. Returns their ids in that order.
 */
export async function insertSubmittedResponses(
  org: BenchOrg,
  positionId: string,
  kind: "agent" | "candidate",
  count: number,
  labelPrefix: string,
): Promise<string[]> {
  const { getDb } = await import("../../app/utils/db.server");
  const { newId } = await import("../../app/utils/tokens.server");
  const ids: string[] = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + ROWS_PER_INSERT); i += 1) {
      inserted += 1;
      const at = new Date(BASE_TIME + inserted * 1000).toISOString();
      const id = newId();
      ids.push(id);
      rows.push({
        id,
        organization_id: org.orgId,
        position_id: positionId,
        invitation_id: null,
        kind,
        respondent_label: `${labelPrefix} ${i + 1}`,
        questionnaire_version_id: org.versionId,
        locale: "en",
        source: "import" as const,
        answers_json: JSON.stringify(org.randomAnswers()),
        page_times_json: "{}",
        consent_at: at,
        started_at: at,
        updated_at: at,
        submitted_at: at,
      });
    }
    await getDb().insertInto("responses").values(rows).execute();
  }
  return ids;
}

export type SeededPosition = {
  positionId: string;
  benchmarkId: string;
  /** Candidate response ids in submission order. */
  candidateIds: string[];
  /** Milliseconds the app's activation took to score the candidates (part of the seeding, reported as such). */
  activationMs: number;
};

/**
 * A position with 40 agents and `candidates` submitted candidates, then the app's activation of its benchmark, which
 * scores every candidate through the app's storage (see the top of this file).
 */
export async function seedScoredPosition(org: BenchOrg, title: string, candidates: number): Promise<SeededPosition> {
  const { createPosition } = await import("../../app/models/position.server");
  const { activateBenchmark } = await import("../../app/models/benchmark-activation.server");
  const positionId = await createPosition(
    org.orgId,
    { title, description: "", questionnaireVersionId: org.versionId, status: "open" },
    org.actor,
  );
  await insertSubmittedResponses(org, positionId, "agent", AGENTS, "Agent");
  const candidateIds = await insertSubmittedResponses(org, positionId, "candidate", candidates, "Candidate");
  const started = performance.now();
  const { benchmarkId, rescored } = await activateBenchmark(org.orgId, positionId, org.recruiter);
  const activationMs = performance.now() - started;
  if (rescored !== candidates)
    throw new Error(`seeding: the activation scored ${rescored} of the ${candidates} candidates of "${title}"`);
  return { positionId, benchmarkId, candidateIds, activationMs };
}

/** Invitations on the position, each consented: a started response and its respondent session cookie. */
export async function consentedRespondents(
  org: BenchOrg,
  positionId: string,
  count: number,
): Promise<{ cookie: string; responseId: string }[]> {
  const { consentToInvitation } = await import("../../app/models/response.server");
  const links = await invitationLinks(org, positionId, count);
  const respondents: { cookie: string; responseId: string }[] = [];
  for (const link of links) {
    const consent = await consentToInvitation(link.slice(link.lastIndexOf("/") + 1));
    if (!consent.ok) throw new Error(`seeding: consent failed: ${consent.state}`);
    respondents.push({ cookie: consent.setCookie.split(";")[0], responseId: consent.responseId });
  }
  return respondents;
}

/** `count` fresh invitation links (`http://127.0.0.1/i/<token>`) of the position. */
export async function invitationLinks(org: BenchOrg, positionId: string, count: number): Promise<string[]> {
  const { createInvitations } = await import("../../app/models/invitation.server");
  const issued = await createInvitations(
    org.orgId,
    positionId,
    "candidate",
    Array.from({ length: count }, (_, i) => ({ name: `Invited ${i + 1}`, email: null, locale: "en" })),
    org.actor,
    "http://127.0.0.1",
  );
  return issued.map((i) => i.link);
}
