// A value's score as a function of a finite combination of answers (SCORING.md section 3): each of its items is
// unanswered or takes one of finitely many answers, so the value's answers fit one integer, its "code", and the
// value's result (score, percentile, interval, band) can be tabled by code. Scoring a response is then reading its
// answers into codes and looking the codes up; the formulas run only for a code met for the first time (or for
// every reachable code at once, tableAllCodes), on exactly the item scores and in exactly the order of the scan.
import { FloatKeyCache } from "./float-cache";
import { SCALED, SCALED_WIDE, SCENARIO, type Slots } from "./slots";
import type { CandidateValueResult } from "./types";

/** Codes below this bound decode exactly with floating-point division (see digitOf); larger values are not coded. */
const MAX_CODES = 2 ** 48;
/** A value with at most this many codes gets an array indexed by code; more get a hash table. */
const DENSE_MAX_CODES = 0xffff;
/** A hash table stops growing at this many codes; codes beyond it are computed each time (still correct). */
const SPARSE_MAX_ENTRIES = 1 << 16;

export interface ValueCodes {
  /** Per slot: the place value of its answer's digit in its value's code; 0 for slots outside every code. */
  stride: Float64Array;
  /** Per slot: the number of digits, answers + 1 (digit 0: unanswered). */
  radix: Float64Array;
  /** Per value: its scored slots, in slot order (the order of the scan's sums). */
  valueSlots: Int32Array[];
  /** Per value: the number of codes. */
  totals: Float64Array;
  /**
   * Per value with at most DENSE_MAX_CODES codes: by code, 1 + the place in `distinct` of the code's result (0: not
   * met yet); null for the others. Small typed arrays and few distinct results keep the lookups in cache.
   */
  dense: (Uint16Array | null)[];
  /** Per value: its distinct results met so far (a value has few distinct scores), and their places there. */
  distinct: CandidateValueResult[][];
  placeOf: Map<CandidateValueResult, number>[];
  /** Per value, by place in `distinct`: the result has an alignment, the alignment, the band is "below". */
  hasAlignmentAt: Uint8Array[];
  alignmentAt: Float64Array[];
  belowAt: Uint8Array[];
  /** Per value: the result of each code met so far (values with more codes), or null. */
  sparse: (FloatKeyCache<CandidateValueResult> | null)[];
  /** Per value: the code of the last response read (scratch). */
  codes: Float64Array;
}

/** The number of answers a scored slot can hold (its digits less the "unanswered" one). */
function answerCount(slots: Slots, slot: number): number {
  if (slots.kind[slot] === SCENARIO) return (slots.optionIds[slot] as readonly string[]).length;
  return slots.max[slot] - slots.min[slot] + 1;
}

/**
 * The codes of a snapshot's values, or null when some value cannot be coded (more than MAX_CODES combinations, a
 * scale with non-integer bounds, or an id used twice): such snapshots are scored by the plain scan.
 */
export function valueCodesOf(slots: Slots, valueCount: number, duplicateIds: boolean): ValueCodes | null {
  if (duplicateIds) return null;
  const { kind, valueIndex } = slots;
  const stride = new Float64Array(kind.length);
  const radix = new Float64Array(kind.length).fill(1);
  const totals = new Float64Array(valueCount).fill(1);
  const members: number[][] = Array.from({ length: valueCount }, () => []);
  for (let slot = 0; slot < kind.length; slot += 1) {
    const scored = kind[slot] === SCALED || kind[slot] === SCALED_WIDE || kind[slot] === SCENARIO;
    if (!scored) continue;
    if (!Number.isInteger(slots.min[slot]) || !Number.isInteger(slots.max[slot])) return null;
    const v = valueIndex[slot];
    stride[slot] = totals[v];
    radix[slot] = answerCount(slots, slot) + 1;
    totals[v] *= radix[slot];
    if (totals[v] > MAX_CODES) return null;
    members[v].push(slot);
  }
  return {
    stride,
    radix,
    valueSlots: members.map((m) => Int32Array.from(m)),
    totals,
    dense: Array.from(totals, (total) => (total <= DENSE_MAX_CODES ? new Uint16Array(total) : null)),
    distinct: Array.from(totals, () => []),
    placeOf: Array.from(totals, () => new Map()),
    hasAlignmentAt: Array.from(totals, (total) => new Uint8Array(total <= DENSE_MAX_CODES ? total : 0)),
    alignmentAt: Array.from(totals, (total) => new Float64Array(total <= DENSE_MAX_CODES ? total : 0)),
    belowAt: Array.from(totals, (total) => new Uint8Array(total <= DENSE_MAX_CODES ? total : 0)),
    sparse: Array.from(totals, (total) =>
      total <= DENSE_MAX_CODES ? null : new FloatKeyCache<CandidateValueResult>(),
    ),
    codes: new Float64Array(valueCount),
  };
}

/**
 * The digit of a slot in a code. Exact: code and stride are integers below 2^48, so code / stride is off from the
 * true quotient by far less than the 1 / stride that separates it from the next integer.
 */
export function digitOf(codes: ValueCodes, slot: number, code: number): number {
  return Math.floor(code / codes.stride[slot]) % codes.radix[slot];
}

export function tableResult(codes: ValueCodes, v: number, code: number, result: CandidateValueResult): void {
  const dense = codes.dense[v];
  if (dense !== null) {
    let place = codes.placeOf[v].get(result);
    if (place === undefined) {
      place = codes.distinct[v].push(result);
      codes.placeOf[v].set(result, place);
      codes.hasAlignmentAt[v][place - 1] = result.alignment === null ? 0 : 1;
      codes.alignmentAt[v][place - 1] = result.alignment ?? 0;
      codes.belowAt[v][place - 1] = result.band === "below" ? 1 : 0;
    }
    dense[code] = place;
  } else {
    const sparse = codes.sparse[v] as FloatKeyCache<CandidateValueResult>;
    if (sparse.count < SPARSE_MAX_ENTRIES) sparse.set(code, result);
  }
}

/** Whether every code of every value fits an array, so tableAllCodes can fill them (the bound of its work). */
export function allCodesDense(codes: ValueCodes): boolean {
  return codes.dense.every((table) => table !== null);
}
