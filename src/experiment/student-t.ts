/**
 * The Student t distribution's CDF and its inverse for any tail probability, down to 1e-12:
 * the prediction intervals of pinned outcomes need quantiles far in the tail (a false-alarm
 * rate split over a hundred figures), beyond any printed table. The CDF goes through the
 * regularized incomplete beta function (continued fraction, modified Lentz); the quantile
 * inverts it by bisection, which is slow-ish (about 100 CDF evaluations) but cannot diverge.
 */
import { incompleteBeta, lnGamma } from "../engine/distributions/special-functions.js";

/** ln Γ and I_x(a, b) live with the other special functions; re-exported where they were first used. */
export { incompleteBeta, lnGamma };

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
