/**
 * The Student t distribution's CDF and its inverse for any tail probability, down to 1e-12:
 * the prediction intervals of pinned outcomes need quantiles far in the tail (a false-alarm
 * rate split over a hundred figures), beyond any printed table. The CDF goes through the
 * regularized incomplete beta function (continued fraction, modified Lentz); the quantile
 * inverts it by bisection, which is slow-ish (about 100 CDF evaluations) but cannot diverge.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-14). */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x); // reflection
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < c.length; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of I_x(a, b), good for x < (a + 1) / (a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    // The even step, then the odd step of the fraction.
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incompleteBeta needs 0 <= x <= 1, got ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on one side of the mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be a number > 0, got ${df}`);
}

/** P(T > t) for T ~ Student t with `df` degrees of freedom and t ≥ 0: the upper tail, exact in the far tail. */
export function studentTUpperTail(t: number, df: number): number {
  checkDf(df);
  if (t < 0) return 1 - studentTUpperTail(-t, df);
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * The upper-tail quantile: the t with P(T > t) = `tail`, for 0 < tail ≤ 0.5 (t ≥ 0). For a
 * two-sided interval that leaves `alpha` outside, ask for tail = alpha / 2.
 */
export function studentTQuantileUpper(tail: number, df: number): number {
  checkDf(df);
  if (!(tail > 0 && tail <= 0.5)) throw new RangeError(`upper tail probability must be in (0, 0.5], got ${tail}`);
  if (tail === 0.5) return 0;
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  // Bisection to a relative width of 1e-12: the tail is monotone, so this cannot go astray.
  while (hi - lo > 1e-12 * hi) {
    const mid = (lo + hi) / 2;
    if (studentTUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
