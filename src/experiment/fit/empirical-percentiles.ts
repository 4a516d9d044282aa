import { empiricalFit } from "./families.js";
import type { FittedDistribution } from "./fitted-distribution.js";

/** The sample quantile at p of sorted `xs`, linear between order statistics (Hyndman and Fan's type 7). */
export function sampleQuantile(xs: Float64Array, p: number): number {
  const h = (xs.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < xs.length ? xs[i] + (h - i) * (xs[i + 1] - xs[i]) : xs[xs.length - 1];
}

/**
 * relisim's `empirical` distribution on the samples' own percentiles: min, p50, p90, p99, the
 * 99.9th with at least 1,000 samples (fewer put it on the maximum), and max. It always fits,
 * and is the fallback when no family does.
 */
export function fitEmpirical(xs: Float64Array): FittedDistribution {
  const q = (p: number) => sampleQuantile(xs, p);
  return empiricalFit({
    min: xs[0],
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    ...(xs.length >= 1000 ? { p999: q(0.999) } : {}),
    max: xs[xs.length - 1],
  });
}
