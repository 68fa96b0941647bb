// Scoring-engine budget (DESIGN.md): 100,000 candidates x 40 items x 8 values < 200 ms.
//   npx tsx scripts/bench-engine.ts [--detail]
import type { Item, Questionnaire } from "../app/questionnaire/types";
import {
  agentValueScores,
  buildBenchmark,
  CURRENT_ALGORITHM,
  scoreCandidate,
  type Answers,
  type BenchmarkSnapshot,
  type RespondentInput,
} from "../app/scoring/index";

const CANDIDATES = 100_000;
const AGENTS = 40;
const VALUES = 8;
const ITEMS_PER_VALUE = 5;

/** mulberry32: a small seeded PRNG so every run scores the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchQuestionnaire(): Questionnaire {
  return {
    id: "bench",
    version: 1,
    title: "Engine bench",
    locale: "en",
    attention: [{ id: "att-1", text: "Answer 4", expect: 4, scale: { min: 1, max: 5 } }],
    virtues: [],
    values: Array.from({ length: VALUES }, (_, v) => ({
      id: `value-${v}`,
      name: `Value ${v}`,
      direction: v % 3 === 2 ? ("target" as const) : ("higher" as const),
      weight: 1 + (v % 2),
      probes: [],
      items: Array.from({ length: ITEMS_PER_VALUE }, (_, i): Item => {
        const id = `v${v}-i${i}`;
        if (i === 4)
          return { id, type: "scenario", text: id, options: ["a", "b", "c", "d"].map((o) => ({ id: o, text: o })) };
        if (i === 3) return { id, type: "rating", text: id, keyed: "plus", scale: { min: 0, max: 10 } };
        return { id, type: "likert", text: id, keyed: i === 1 ? "minus" : "plus", scale: { min: 1, max: 5 } };
      }),
    })),
  };
}

function randomResponses(q: Questionnaire, count: number, prefix: string, random: () => number): RespondentInput[] {
  const pick = <T>(options: readonly T[]) => options[Math.floor(random() * options.length)];
  return Array.from({ length: count }, (_, r) => {
    const answers: Answers = { "att-1": random() < 0.97 ? 4 : 2 };
    for (const value of q.values) {
      for (const item of value.items) {
        if (random() < 0.03) answers[item.id] = null;
        else if (item.type === "scenario") answers[item.id] = pick(["a", "a", "b", "c", "d"]);
        else answers[item.id] = item.scale.min + Math.floor(random() * (item.scale.max - item.scale.min + 1));
      }
    }
    // The web app reads answers back from one JSON document per response.
    return { respondent: `${prefix}${r}`, answers: JSON.parse(JSON.stringify(answers)) as Answers };
  });
}

function timeScoring(q: Questionnaire, snapshot: BenchmarkSnapshot, candidates: readonly RespondentInput[]) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  let checksum = 0;
  for (const candidate of candidates) checksum += scoreCandidate(q, snapshot, candidate).overall ?? 0;
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, checksum };
}

function main(): void {
  const q = benchQuestionnaire();
  const random = seededRandom(20_261_123);
  const agents = randomResponses(q, AGENTS, "a", random);
  const candidates = randomResponses(q, CANDIDATES, "c", random);
  // --algorithm=vb-1 times the vb-1 engine; the default is the current algorithm.
  const algorithm = process.argv.includes("--algorithm=vb-1") ? "vb-1" : CURRENT_ALGORITHM;
  const snapshot = buildBenchmark(q, agents, {}, algorithm);
  const first = timeScoring(q, snapshot, candidates);
  console.log(
    `${algorithm}: scored ${CANDIDATES} candidates x ${VALUES * ITEMS_PER_VALUE} items x ${VALUES} values in ${first.wallMs.toFixed(1)} ms ` +
      `(budget 200 ms, ratio ${(first.wallMs / 200).toFixed(2)}; cpu ${first.cpuMs.toFixed(1)} ms; checksum ${first.checksum.toFixed(3)})`,
  );
  if (process.argv.includes("--detail")) {
    const distinct = q.values.map((v) => new Set(candidates.map((c) => agentValueScores(q, snapshot, c)[v.id])).size);
    console.log(`distinct value scores per value (percentile + interval computed once each): ${distinct.join(", ")}`);
    console.log(
      `again, warm JIT, new snapshot: ${timeScoring(q, buildBenchmark(q, agents.slice(1), {}, algorithm), candidates).wallMs.toFixed(1)} ms`,
    );
    console.log(`again, warm JIT, warm memo: ${timeScoring(q, snapshot, candidates).wallMs.toFixed(1)} ms`);
    // The web app copies the parsed answers into a new object key by key (answersFor in
    // app/models/respondent-input.server.ts); with this many keys V8 usually turns such an object into a
    // dictionary, which the engine reads more slowly than a JSON-parsed one. Last: it changes what the JIT has seen.
    const copied = candidates.map(({ respondent, answers }) => {
      const copy: Answers = {};
      for (const [id, answer] of Object.entries(answers)) copy[id] = answer;
      return { respondent, answers: copy };
    });
    console.log(
      `again, warm JIT, warm memo, answers copied key by key as the app does: ${timeScoring(q, snapshot, copied).wallMs.toFixed(1)} ms`,
    );
  }
}

main();
