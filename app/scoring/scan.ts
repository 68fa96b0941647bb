// Reading one response against a prepared snapshot: the likert pattern for the flags, the attention and virtue
// checks, and each value's result. Two scans with the same outcome: by codes (the fast one) and plain (which also
// names the first invalid answer in slot order).
import type { ValueCodes } from "./combinations";
import { invalidScaledAnswer, invalidScenarioAnswer, type ScaledItemPlan, type ScenarioItemPlan } from "./plan";
import { resultOfCode, setResult, valueResultOf, type SnapshotScoring } from "./snapshot-scoring";
import { ATTENTION, DROPPED, SCENARIO, scaledSlotScore, VIRTUE } from "./slots";
import type { FloatKeyCache } from "./float-cache";
import type { CandidateValueResult, RespondentInput } from "./types";

/**
 * One pass over the slots (value items, then the attention and virtue items): the likert pattern, per-value sums of
 * p, the attention and virtue checks, then each value's result into scoring.results. Throws on the first invalid
 * answer.
 */
export function scanItems(scoring: SnapshotScoring, input: RespondentInput): void {
  const { answers, sums, counts, likert: pattern, likertAnswers } = scoring;
  const { items, kind, likertPlace, min, max, valueIndex, expect, optionIds, optionScores } = scoring.slots;
  const { respondent } = input;
  answers.read(input.answers);
  let attentionFailed = false;
  let virtuesAnswered = 0;
  let virtuesAtMax = 0;
  for (let v = 0; v < sums.length; v += 1) {
    sums[v] = 0;
    counts[v] = 0;
  }
  scoring.likertClear = false;
  for (let place = 0; place < likertAnswers.length; place += 1) likertAnswers[place] = Number.NaN;
  for (let i = 0; i < kind.length; i += 1) {
    const raw = answers.get(i);
    const v = valueIndex[i];
    if (kind[i] === SCENARIO || kind[i] === DROPPED) {
      if (raw === null || raw === undefined) continue;
      const options = optionIds[i] as readonly string[];
      let choice = 0; // a linear search: faster than a Map for 2..6 options
      while (choice < options.length && options[choice] !== raw) choice += 1;
      if (choice === options.length) throw invalidScenarioAnswer(respondent, items[i] as ScenarioItemPlan, raw);
      if (kind[i] === DROPPED) continue;
      sums[v] += (optionScores[i] as Float64Array)[choice];
      counts[v] += 1;
      continue;
    }
    if (raw === null || raw === undefined) continue;
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min[i] || raw > max[i])
      throw invalidScaledAnswer(respondent, items[i] as ScaledItemPlan, raw);
    if (likertPlace[i] >= 0) likertAnswers[likertPlace[i]] = raw;
    if (kind[i] === ATTENTION) {
      if (raw !== expect[i]) attentionFailed = true;
      continue;
    }
    if (kind[i] === VIRTUE) {
      virtuesAnswered += 1;
      if (raw === max[i]) virtuesAtMax += 1;
      continue;
    }
    sums[v] += scaledSlotScore(scoring.slots, i, raw);
    counts[v] += 1;
  }
  pattern.scan(likertAnswers, true);
  scoring.likertClear = true;
  scoring.attentionFailed = attentionFailed;
  scoring.virtuesAnswered = virtuesAnswered;
  scoring.virtuesAtMax = virtuesAtMax;
  for (let v = 0; v < sums.length; v += 1) setResult(scoring, v, valueResultOf(scoring, v, sums[v], counts[v]));
}

/**
 * The scan by codes: one for...in pass over the response's own keys adds each answer's digit to its value's code
 * and notes likert answers by their place; then the likert pattern runs in slot order and each value's result is
 * looked up by its code. Returns false, having decided nothing, at the first invalid answer met (in key order): the
 * plain scan then throws the error of the first invalid answer in slot order.
 */
export function scanCodes(scoring: SnapshotScoring, codes: ValueCodes, input: RespondentInput): boolean {
  const answers = input.answers;
  if (answers === null || answers === undefined) return false;
  const { kind, likertPlace, min, max, valueIndex, expect, optionIds } = scoring.slots;
  const { stride } = codes;
  const { likertAnswers } = scoring;
  const valueCodes = codes.codes;
  const reader = scoring.answers;
  const { ownOnly } = reader;
  // Loops, not fill(): TypedArray.prototype.fill is a call into the runtime, a measurable part of a small response.
  // The likert scratch is clear already unless the last scan stopped early (the finished scan clears it).
  for (let v = 0; v < valueCodes.length; v += 1) valueCodes[v] = 0;
  if (!scoring.likertClear)
    for (let place = 0; place < likertAnswers.length; place += 1) likertAnswers[place] = Number.NaN;
  scoring.likertClear = false;
  let attentionFailed = false;
  let virtuesAnswered = 0;
  let virtuesAtMax = 0;
  // The reader's key cache, read here directly: the key at each position of the last response and its slot.
  const { keyAt, slotAt } = reader;
  let position = 0;
  for (const key in answers) {
    const slot = position < keyAt.length && keyAt[position] === key ? slotAt[position] : reader.slotOf(position, key);
    position += 1;
    if (slot < 0 || (ownOnly[slot] === 1 && !Object.hasOwn(answers, key))) continue;
    const raw = answers[key];
    if (raw === null || raw === undefined) continue;
    const k = kind[slot];
    if (k === SCENARIO || k === DROPPED) {
      // The digit: 1 + the place of the first option equal to the answer, 0 if none. Every option is compared,
      // without branches: which option an answer names is unpredictable, a loop that stops at it mispredicts.
      const options = optionIds[slot] as readonly string[];
      let digit = 0;
      for (let choice = 0; choice < options.length; choice += 1)
        digit += +(options[choice] === raw) * +(digit === 0) * (choice + 1);
      if (digit === 0) return false;
      if (k === SCENARIO) valueCodes[valueIndex[slot]] += digit * stride[slot];
      continue;
    }
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min[slot] || raw > max[slot]) return false;
    const place = likertPlace[slot];
    if (place >= 0) likertAnswers[place] = raw;
    if (k === ATTENTION) {
      if (raw !== expect[slot]) attentionFailed = true;
    } else if (k === VIRTUE) {
      virtuesAnswered += 1;
      if (raw === max[slot]) virtuesAtMax += 1;
    } else valueCodes[valueIndex[slot]] += (raw - min[slot] + 1) * stride[slot];
  }
  scoring.likert.scan(likertAnswers, true);
  scoring.likertClear = true;
  scoring.attentionFailed = attentionFailed;
  scoring.virtuesAnswered = virtuesAnswered;
  scoring.virtuesAtMax = virtuesAtMax;
  const { results, hasAlignment, alignments, below } = scoring;
  for (let v = 0; v < results.length; v += 1) {
    const code = valueCodes[v];
    const dense = codes.dense[v];
    if (dense === null) {
      const sparse = codes.sparse[v] as FloatKeyCache<CandidateValueResult>;
      setResult(scoring, v, sparse.get(code) ?? resultOfCode(scoring, codes, v, code));
      continue;
    }
    let place = dense[code];
    if (place === 0) {
      resultOfCode(scoring, codes, v, code);
      place = dense[code];
    }
    results[v] = codes.distinct[v][place - 1];
    hasAlignment[v] = codes.hasAlignmentAt[v][place - 1];
    alignments[v] = codes.alignmentAt[v][place - 1];
    below[v] = codes.belowAt[v][place - 1];
  }
  return true;
}
