// The expectancy table of the validity page (issue 17): hires split into three fit bands by their overall fit, and per
// band the share of hires whose outcome is in the top third. Pure; the fit and outcome numbers come from elsewhere.

export type ExpectancyBand = {
  band: "upper" | "middle" | "lower";
  n: number;
  inTopThird: number;
  share: number | null;
};

/** Sizes of three bands as even as possible, the upper bands taking the remainder (10 -> 4, 3, 3). */
function thirds(n: number): [number, number, number] {
  const base = Math.floor(n / 3);
  const rest = n - 3 * base;
  return [base + (rest > 0 ? 1 : 0), base + (rest > 1 ? 1 : 0), base];
}

/**
 * `people`: each hire's overall fit and outcome. `higherIsBetter`: the metric's direction. The top third of the
 * outcome is everyone at least as good as the ceil(n/3)-th best (ties stay together); fit bands split the hires
 * sorted by fit (best first; equal fits keep the input order) into thirds.
 */
export function expectancyTable(
  people: readonly { fit: number; outcome: number }[],
  higherIsBetter: boolean,
): ExpectancyBand[] {
  const n = people.length;
  const better = (a: number, b: number) => (higherIsBetter ? b - a : a - b);
  const byOutcome = people.map((p) => p.outcome).sort(better);
  const cut = n > 0 ? byOutcome[Math.ceil(n / 3) - 1] : 0;
  const inTop = (o: number) => (higherIsBetter ? o >= cut : o <= cut);
  const byFit = people.map((p, i) => ({ ...p, i })).sort((a, b) => b.fit - a.fit || a.i - b.i);
  const [upper, middle] = thirds(n);
  const bands: ExpectancyBand[] = [];
  const slices: [ExpectancyBand["band"], number, number][] = [
    ["upper", 0, upper],
    ["middle", upper, upper + middle],
    ["lower", upper + middle, n],
  ];
  for (const [band, from, to] of slices) {
    const members = byFit.slice(from, to);
    const hits = members.filter((m) => inTop(m.outcome)).length;
    bands.push({ band, n: members.length, inTopThird: hits, share: members.length ? hits / members.length : null });
  }
  return bands;
}
