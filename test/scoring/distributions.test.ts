import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  brentRoot,
  logGamma,
  noncentralTCdf,
  normalCdf,
  regularizedBeta,
  studentTCdf,
} from "../../app/scoring/distributions";
import { crawfordGarthwaiteInterval, crawfordHowellPercentile } from "../../app/scoring/interval";

/** An independent check of the noncentral t: P(T <= t) = E[Phi(t * sqrt(U / df) - ncp)], U ~ chi^2(df), by Simpson's rule. */
function nctByIntegration(t: number, df: number, ncp: number): number {
  const logDensity = (u: number) => (df / 2 - 1) * Math.log(u) - u / 2 - (df / 2) * Math.LN2 - logGamma(df / 2);
  const upper = df + 40 * Math.sqrt(2 * df) + 60;
  // substitute u = s^2 so the integrand is smooth at 0 for small df
  const steps = 40_000;
  const sMax = Math.sqrt(upper);
  const h = sMax / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i += 1) {
    const s = i * h;
    const u = s * s;
    const f = u === 0 ? 0 : Math.exp(logDensity(u)) * 2 * s * normalCdf(t * Math.sqrt(u / df) - ncp);
    sum += f * (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2);
  }
  return (sum * h) / 3;
}

describe("normal CDF", () => {
  it("matches published values of Phi", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    // R: pnorm(-10) = 7.619853e-24; relative accuracy in the far tail
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
  });

  it("is continuous where the method switches (|z| = 2.5 * sqrt 2)", () => {
    const edge = -2.5 * Math.SQRT2;
    // the step equals the density (phi(3.5355) = 7.7e-4) times the 2e-9 gap
    const density = Math.exp(-(edge * edge) / 2) / Math.sqrt(2 * Math.PI);
    expect(normalCdf(edge + 1e-9) - normalCdf(edge - 1e-9)).toBeCloseTo(density * 2e-9, 15);
  });
});

describe("Student t CDF", () => {
  it("matches the t table: t(0.975, 10) = 2.228, t(0.95, 10) = 1.812", () => {
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
    expect(studentTCdf(1.812461, 10)).toBeCloseTo(0.95, 6);
    expect(studentTCdf(-2.228139, 10)).toBeCloseTo(0.025, 6);
  });

  it("matches closed forms for df = 1, 2 and 4", () => {
    // df 1 (Cauchy): 1/2 + atan(t)/pi
    expect(studentTCdf(-3, 1)).toBeCloseTo(0.5 + Math.atan(-3) / Math.PI, 14);
    // df 2: 1/2 + t / (2 sqrt(2 + t^2))
    expect(studentTCdf(-3, 2)).toBeCloseTo(0.5 - 3 / (2 * Math.sqrt(11)), 14);
    // df 4: 1/2 + (3/8) (t / sqrt(1 + t^2/4)) (1 - t^2 / (12 (1 + t^2/4))); R: pt(-3, 4) = 0.01997098
    const closedForm4 = (t: number) => {
      const w = 1 + (t * t) / 4;
      return 0.5 + (3 / 8) * (t / Math.sqrt(w)) * (1 - (t * t) / (12 * w));
    };
    expect(studentTCdf(-3, 4)).toBeCloseTo(closedForm4(-3), 14);
    expect(studentTCdf(-3, 4)).toBeCloseTo(0.01997098, 8);
    expect(studentTCdf(1.5, 4)).toBeCloseTo(closedForm4(1.5), 14);
  });

  it("keeps the left tail accurate and approaches the normal for large df", () => {
    // df 2 closed form far out: 1/2 - 1000/(2 sqrt(1000002)) ~ 4.999993e-7
    expect(studentTCdf(-1000, 2) / (0.5 - 1000 / (2 * Math.sqrt(1_000_002)))).toBeCloseTo(1, 6);
    expect(studentTCdf(1.96, 1e7)).toBeCloseTo(normalCdf(1.96), 7);
  });

  it("regularized beta meets simple identities", () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 15);
    // I_x(a, 1) = x^a
    expect(regularizedBeta(0.6, 3.5, 1)).toBeCloseTo(0.6 ** 3.5, 14);
    expect(regularizedBeta(0.2, 2.5, 7) + regularizedBeta(0.8, 7, 2.5)).toBeCloseTo(1, 14);
  });
});

describe("noncentral t CDF", () => {
  it("reduces to Student t with ncp 0 and to Phi(t - ncp) for huge df", () => {
    expect(noncentralTCdf(1.3, 7, 0)).toBe(studentTCdf(1.3, 7));
    expect(noncentralTCdf(1.3, 1e6, 0.8)).toBeCloseTo(normalCdf(0.5), 5);
  });

  it("at t = 0 equals Phi(-ncp) exactly", () => {
    expect(noncentralTCdf(0, 9, 1.5)).toBeCloseTo(normalCdf(-1.5), 15);
    expect(noncentralTCdf(0, 9, -2)).toBeCloseTo(normalCdf(2), 15);
  });

  const cases: [number, number, number][] = [
    [1, 10, 1],
    [-1, 10, 1],
    [2, 5, 0.5],
    [-2, 4, 3],
    [-0.5, 4, -2],
    [5, 20, 8],
    [12, 11, 10],
    [-6, 30, -4],
    [3, 4, 6],
    [30, 30, 36],
  ];
  it.each(cases)("pt(%d, df %d, ncp %d) agrees with numeric integration to 1e-8", (t, df, ncp) => {
    expect(Math.abs(noncentralTCdf(t, df, ncp) - nctByIntegration(t, df, ncp))).toBeLessThan(1e-8);
  });

  it("R reference: pt(1, 10, 1) = 0.4902401 (also the integral)", () => {
    expect(noncentralTCdf(1, 10, 1)).toBeCloseTo(0.4902401, 6);
  });

  it("is monotone decreasing in ncp across the series / normal-approximation switch (ncp^2 = 1415)", () => {
    const d = 60;
    let previous = 1;
    for (let ncp = 30; ncp < 45; ncp += 0.25) {
      const p = noncentralTCdf(d, 200, ncp);
      expect(p).toBeLessThanOrEqual(previous + 1e-6);
      previous = p;
    }
  });
});

describe("why the engine does not use jstat 1.9.6", () => {
  it("jstat agrees in the body, but its noncentral t collapses for ncp > ~38 and drifts in the left tail", () => {
    expect(jStat.studentt.cdf(-3, 4)).toBeCloseTo(studentTCdf(-3, 4), 12);
    expect(jStat.noncentralt.cdf(1, 10, 1)).toBeCloseTo(noncentralTCdf(1, 10, 1), 9);
    // exp(-ncp^2 / 2) underflows: jstat answers 0 where the probability is about 0.79
    expect(jStat.noncentralt.cdf(50, 39, 45)).toBe(0);
    expect(nctByIntegration(50, 39, 45)).toBeGreaterThan(0.7);
    // here R's pnt (and this port) switches to the A&S 26.7.10 normal approximation: error ~1e-3 at df 39
    expect(Math.abs(noncentralTCdf(50, 39, 45) - nctByIntegration(50, 39, 45))).toBeLessThan(2e-3);
    // left tail: relative error ~4e-6 in jstat, < 1e-8 here
    const reference = nctByIntegration(-2, 4, 3);
    expect(Math.abs(jStat.noncentralt.cdf(-2, 4, 3) / reference - 1)).toBeGreaterThan(1e-6);
    expect(Math.abs(noncentralTCdf(-2, 4, 3) / reference - 1)).toBeLessThan(1e-6);
  });
});

describe("root finding", () => {
  it("Brent finds sqrt(2) to the tolerance", () => {
    expect(brentRoot((x) => x * x - 2, 0, 2, 1e-13)).toBeCloseTo(Math.SQRT2, 12);
  });

  it("rejects a bracket without a sign change", () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});

describe("Crawford-Howell percentile and Crawford-Garthwaite interval", () => {
  it("percentile is 100 * T_{n-1}((x - mean) / (sd sqrt((n+1)/n)))", () => {
    // n 12, mean 50, sd 10: x = 60 -> t = 10 / (10 * sqrt(13/12)) = 0.960769, df 11
    expect(crawfordHowellPercentile(60, 50, 10, 12)).toBeCloseTo(100 * studentTCdf(Math.sqrt(12 / 13), 11), 12);
    expect(crawfordHowellPercentile(50, 50, 10, 12)).toBe(50);
  });

  it("at the benchmark mean (c = 0) the interval is 100 * Phi(-+1.959964 / sqrt n)", () => {
    // NCT(0; df, delta) = Phi(-delta) = 0.975 -> delta = -1.959964
    const { ciLow, ciHigh } = crawfordGarthwaiteInterval(0, 10);
    expect(ciLow).toBeCloseTo(100 * normalCdf(-1.959963984540054 / Math.sqrt(10)), 7);
    expect(ciHigh).toBeCloseTo(100 * normalCdf(1.959963984540054 / Math.sqrt(10)), 7);
    expect(ciLow).toBeCloseTo(26.7698, 3);
  });

  it("solves NCT(d; n-1, delta) = 0.975 / 0.025 and mirrors for -c", () => {
    const n = 8;
    const c = 1.3;
    const d = c * Math.sqrt(n);
    const { ciLow, ciHigh } = crawfordGarthwaiteInterval(c, n);
    const deltaOf = (ci: number) => brentRoot((delta) => 100 * normalCdf(delta / Math.sqrt(n)) - ci, -50, 50, 1e-13);
    expect(noncentralTCdf(d, n - 1, deltaOf(ciLow))).toBeCloseTo(0.975, 8);
    expect(noncentralTCdf(d, n - 1, deltaOf(ciHigh))).toBeCloseTo(0.025, 8);
    const mirrored = crawfordGarthwaiteInterval(-c, n);
    expect(mirrored.ciLow).toBeCloseTo(100 - ciHigh, 8);
    expect(mirrored.ciHigh).toBeCloseTo(100 - ciLow, 8);
    const percentile = crawfordHowellPercentile(c, 0, 1, n);
    expect(ciLow).toBeLessThan(percentile);
    expect(ciHigh).toBeGreaterThan(percentile);
  });

  it("stays finite and ordered for extreme candidates and large benchmarks", () => {
    for (const [c, n] of [
      [40, 5],
      [-40, 5],
      [25, 400],
      [-8, 1000],
      [0.01, 5],
    ] as const) {
      const { ciLow, ciHigh } = crawfordGarthwaiteInterval(c, n);
      expect(Number.isFinite(ciLow) && Number.isFinite(ciHigh)).toBe(true);
      expect(ciLow).toBeLessThanOrEqual(ciHigh);
      expect(ciLow).toBeGreaterThanOrEqual(0);
      expect(ciHigh).toBeLessThanOrEqual(100);
    }
  });
});
