import type { DistributionSpec } from "../../engine/distribution-spec.js";

/** The families `relisim fit` tries, in the order its tables list ties. */
export const FIT_FAMILIES = ["lognormal", "weibull", "pareto", "scaledBeta", "mixture", "empirical"] as const;

/** One of the families `relisim fit` tries. */
export type FitFamily = (typeof FIT_FAMILIES)[number];

/** A family that was not fitted, and why. */
export interface SkippedFamily {
  readonly family: FitFamily;
  readonly reason: string;
}

/**
 * A distribution fitted to measurements: what a scenario takes (`spec`, values in ms), its CDF
 * and quantile function for the goodness-of-fit statistics and the Q–Q plot, and how many
 * parameters were estimated (a tie between fits goes to the one with fewer).
 */
export interface FittedDistribution {
  readonly family: FitFamily;
  /** The spec a scenario takes, location parameters in ms. */
  readonly spec: DistributionSpec;
  /** Its parameters for people, e.g. `median 2.1, p99 9.8 (mu 0.742, sigma 0.661)`. */
  readonly parameters: string;
  readonly parameterCount: number;
  /** P(X ≤ x), x in ms. */
  readonly cdf: (x: number) => number;
  /** The value in ms below which a share p in (0, 1) of draws fall. */
  readonly quantile: (p: number) => number;
}

/**
 * The x with cdf(x) = p, by bisection on [low, high] widened until it brackets p: for the
 * families without a closed-form quantile (scaled beta, mixtures). Relative precision 1e-12.
 */
export function invertCdf(cdf: (x: number) => number, p: number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  for (let i = 0; i < 200 && cdf(hi) < p; i++) hi = hi > 0 ? hi * 2 : 1;
  for (let i = 0; i < 200 && lo > 0 && cdf(lo) > p; i++) lo /= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(Math.abs(hi), 1e-300); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
