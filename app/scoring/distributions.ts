// Distribution functions to ~1e-13. Hand-written: jstat's incomplete beta stops at a relative change
// of 3e-7 and its noncentral t underflows for |ncp| > ~38 and loses the left tail (see the tests).

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LN_SQRT_PI = 0.5 * Math.log(Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const TINY = 1e-300;
const CF_EPSILON = 1e-16;
const CF_MAX_ITERATIONS = 20_000;

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i += 1) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b); pass y = 1 - x when it is known more precisely than 1 - x. */
export function regularizedBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/** erfc(x) for x >= 0: a positive series below 2.5, a continued fraction above. */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    const twoXSquared = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 500; n += 1) {
      term *= twoXSquared / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < CF_MAX_ITERATIONS; n += 1) {
    const an = n / 2;
    d = x + an * d;
    if (Math.abs(d) < TINY) d = TINY;
    d = 1 / d;
    c = x + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Standard normal CDF Phi(z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 0.5 * erfcNonNegative(-z / SQRT2);
  return 1 - 0.5 * erfcNonNegative(z / SQRT2);
}

/** Student t CDF with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return t < 0 ? 0 : 1;
  const tSquared = t * t;
  const tail = 0.5 * regularizedBeta(df / (df + tSquared), df / 2, 0.5, tSquared / (df + tSquared));
  return t < 0 ? tail : 1 - tail;
}

const NCT_MAX_ITERATIONS = 1000;
const NCT_ERROR_MAX = 1e-12;
const NCT_NORMAL_APPROXIMATION_DEL2 = 2 * Math.LN2 * 1021;

/** The ncp-free terms of the AS 243 series at one t, computed lazily and shared by every ncp. */
class NoncentralTSeries {
  readonly xodd: number[];
  readonly xeven: number[];
  readonly godd: number[];
  private geven: number;
  private a = 0.5;

  constructor(
    readonly x: number,
    oneMinusX: number,
    private readonly b: number,
  ) {
    const rxb = Math.pow(oneMinusX, b);
    const albeta = LN_SQRT_PI + logGamma(b) - logGamma(0.5 + b);
    const bx = b * x;
    this.xodd = [regularizedBeta(x, 0.5, b, oneMinusX)];
    this.godd = [2 * rxb * Math.exp(0.5 * Math.log(x) - albeta)];
    this.xeven = [bx < Number.EPSILON ? bx : 1 - rxb];
    this.geven = bx * rxb;
  }

  /** Makes terms 0..k available. */
  extendTo(k: number): void {
    const { xodd, xeven, godd, x, b } = this;
    while (xodd.length <= k) {
      const last = xodd.length - 1;
      this.a += 1;
      const a = this.a;
      xodd.push(xodd[last] - godd[last]);
      xeven.push(xeven[last] - this.geven);
      godd.push((godd[last] * x * (a + b - 1)) / a);
      this.geven *= (x * (a + b - 0.5)) / (a + 0.5);
    }
  }
}

/** The AS 243 sum over the series terms at ncp del (R's pnt), from term 0 until the error bound is met. */
function seriesSum(series: NoncentralTSeries, del: number): number {
  const { xodd, xeven, godd } = series;
  const lambda = del * del;
  let p = 0.5 * Math.exp(-0.5 * lambda);
  let q = SQRT_2_OVER_PI * p * del;
  // 0.5 - p loses precision as p nears 0.5; computed either way (a branch taken late would deoptimize this loop).
  const sNearZero = -0.5 * Math.expm1(-0.5 * lambda);
  let s = 0.5 - p;
  if (s < 1e-7) s = sNearZero;
  let tnc = p * xodd[0] + q * xeven[0];
  let it = 1;
  for (;;) {
    // Terms up to `available` exist: the inner loop runs without checking (this loop is most of the engine's time).
    const available = Math.min(xodd.length - 1, NCT_MAX_ITERATIONS);
    for (; it <= available; it += 1) {
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd[it] + q * xeven[it];
      s -= p;
      if (s < -1e-10 || (it > 1 && s <= 0) || Math.abs(2 * s * (xodd[it] - godd[it])) < NCT_ERROR_MAX) return tnc;
    }
    if (it > NCT_MAX_ITERATIONS) return tnc;
    series.extendTo(it + 16);
  }
}

/**
 * Noncentral t CDF at a fixed t as a function of ncp: AS 243 (Lenth 1989) as in R's pnt, with R's
 * normal approximation (A&S 26.7.10) where the series underflows (ncp^2 > 1415) or df > 4e5.
 * The ncp-free series terms are shared between calls, which makes root finding over ncp cheap.
 */
export function noncentralTCdfAt(t: number, df: number): (ncp: number) => number {
  if (Number.isNaN(t)) return () => Number.NaN;
  if (!Number.isFinite(t)) return () => (t < 0 ? 0 : 1);
  const tt = Math.abs(t);
  const tSquared = t * t;
  const x = tSquared / (tSquared + df);
  let series: NoncentralTSeries | null = null;
  return (ncp: number): number => {
    if (ncp === 0) return studentTCdf(t, df);
    if (t < 0 && ncp > 40) return 0;
    const negdel = t < 0;
    const del = negdel ? -ncp : ncp;
    if (df > 4e5 || del * del > NCT_NORMAL_APPROXIMATION_DEL2) {
      const s = 1 / (4 * df);
      const p = normalCdf((tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s));
      return negdel ? 1 - p : p;
    }
    let tnc = 0;
    if (x > 0) {
      series ??= new NoncentralTSeries(x, df / (tSquared + df), 0.5 * df);
      tnc = seriesSum(series, del);
    }
    tnc += normalCdf(-del);
    const lower = Math.min(tnc, 1);
    return negdel ? 1 - lower : lower;
  };
}

/** Noncentral t CDF P(T <= t; df, ncp); see noncentralTCdfAt. */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  return noncentralTCdfAt(t, df)(ncp);
}

/**
 * Brent's method for f(root) = 0 on [a, b] where f(a) and f(b) differ in sign.
 * Deterministic: stops at |step| <= 2 * eps * |b| + tolerance / 2 or after 200 steps.
 */
export function brentRoot(
  f: (x: number) => number,
  lowerBound: number,
  upperBound: number,
  tolerance = 1e-12,
  known?: { fLower: number; fUpper: number },
): number {
  let a = lowerBound;
  let b = upperBound;
  let fa = known ? known.fLower : f(a);
  let fb = known ? known.fUpper : f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) throw new RangeError(`brentRoot: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const r = fb / fc;
        const t = fa / fc;
        p = s * (2 * m * t * (t - r) - (b - a) * (r - 1));
        q = (t - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * Student t quantile T^-1_df(p) for 0 < p < 1: the root of T_df(t) = p by Brent's method (absolute tolerance
 * 1e-13 on t, far below the 1e-9 asked of it), on a bracket grown by doubling from [-1, 1].
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile: p ${p}, df ${df}`);
  if (p === 0.5) return 0;
  const f = (t: number) => studentTCdf(t, df) - p;
  let lo = -1;
  let hi = 1;
  while (f(lo) > 0) lo *= 2;
  while (f(hi) < 0) hi *= 2;
  return brentRoot(f, lo, hi, 1e-13);
}
