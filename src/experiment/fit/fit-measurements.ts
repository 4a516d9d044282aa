import { fitLognormal, fitPareto } from "./closed-form-fits.js";
import { fitEmpirical, sampleQuantile } from "./empirical-percentiles.js";
import type { FitFamily, FittedDistribution, SkippedFamily } from "./fitted-distribution.js";
import { bucketStatistics, bucketTotal, sampleStatistics } from "./goodness-of-fit.js";
import { bucketQuantile, fitHistogram } from "./histogram-fit.js";
import { fitLognormalMixture } from "./lognormal-mixture-em.js";
import type { Measurements } from "./measurements.js";
import { fitScaledBeta } from "./scaled-beta-mle.js";
import { fitWeibull } from "./weibull-mle.js";

/**
 * Fits within this much of the best Anderson–Darling statistic are tied with it: under a right
 * model A² stays of order 1 whatever the sample size (its 1% point is about 3.9 with known
 * parameters, lower with estimated ones), while a wrong one grows in proportion to n.
 */
export const AD_TIE = 2;

/**
 * Above this many samples the parameters are fitted on this many evenly spaced order statistics
 * (the smallest and largest among them): their sampling error is already far below any misfit,
 * and the fit stays within seconds. The statistics use every sample.
 */
export const MAX_FIT_SAMPLES = 50_000;

/** `xs` (sorted) thinned to `m` evenly spaced order statistics, the first and last kept. */
export function thinSorted(xs: Float64Array, m: number): Float64Array {
  if (xs.length <= m) return xs;
  return Float64Array.from({ length: m }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (m - 1))]);
}

/** One fitted family with its goodness of fit. */
export interface RankedFit {
  readonly fit: FittedDistribution;
  /** Anderson–Darling A² (grouped for a histogram). */
  readonly ad: number;
  /** Kolmogorov–Smirnov distance (at the bucket edges for a histogram). */
  readonly ks: number;
}

/** What `relisim fit` found: every fit ranked by A², the one it recommends, and the data's own percentiles. */
export interface FitResult {
  readonly measurements: Measurements;
  /** Observations: samples, or the histogram's total count. */
  readonly n: number;
  /** The samples the parameters were fitted on: all of them up to MAX_FIT_SAMPLES, then that many order statistics. */
  readonly fittedOn: number;
  /** Lowest A² first (ties by fewer parameters, then family order). */
  readonly ranked: readonly RankedFit[];
  /** The simplest fit (fewest parameters) within AD_TIE of the lowest A², then the lowest A². */
  readonly best: RankedFit;
  readonly skipped: readonly SkippedFamily[];
  /** The data's quantile at p (ms), undefined where a histogram cannot tell (above its last finite edge). */
  readonly dataQuantile: (p: number) => number | undefined;
}

const POSITIVE_FAMILIES: readonly FitFamily[] = ["lognormal", "weibull", "pareto", "mixture"];

function sampleFits(xs: Float64Array, skipped: SkippedFamily[]): FittedDistribution[] {
  const fits: FittedDistribution[] = [];
  let zeros = 0;
  while (zeros < xs.length && xs[zeros] <= 0) zeros++;
  if (zeros > 0) {
    for (const family of POSITIVE_FAMILIES) skipped.push({ family, reason: `needs latencies > 0; ${zeros} of the samples are 0` });
  } else {
    fits.push(fitLognormal(xs), fitWeibull(xs), fitPareto(xs));
    const mixture = fitLognormalMixture(xs);
    if (mixture) fits.push(mixture);
    else skipped.push({ family: "mixture", reason: "the samples' logs have no spread to split in two" });
  }
  const beta = fitScaledBeta(xs);
  if (beta) fits.push(beta);
  else skipped.push({ family: "scaledBeta", reason: "no bounded fit: the samples touch 0, or have no upper end a beta could find (max would run past 20 times their range)" });
  fits.push(fitEmpirical(xs));
  return fits;
}

/** Ranked by A², ties (exact) by fewer parameters. */
function rank(ranked: RankedFit[]): RankedFit[] {
  return ranked.sort((a, b) => a.ad - b.ad || a.fit.parameterCount - b.fit.parameterCount);
}

/** The recommended fit: among those within AD_TIE of the lowest A², the fewest parameters, then the lowest A². */
export function chooseBest(ranked: readonly RankedFit[]): RankedFit {
  const lowest = ranked[0].ad;
  const tied = ranked.filter((r) => r.ad <= lowest + AD_TIE);
  return [...tied].sort((a, b) => a.fit.parameterCount - b.fit.parameterCount || a.ad - b.ad)[0];
}

/** Fits every family to the measurements (maximum likelihood; a histogram's by its bucket counts) and ranks them. */
export function fitMeasurements(m: Measurements): FitResult {
  const skipped: SkippedFamily[] = [];
  let ranked: RankedFit[];
  let n: number;
  let fittedOn: number;
  let dataQuantile: (p: number) => number | undefined;
  if (m.kind === "samples") {
    const xs = m.values;
    n = xs.length;
    const thinned = thinSorted(xs, MAX_FIT_SAMPLES);
    fittedOn = thinned.length;
    ranked = sampleFits(thinned, skipped).map((fit) => ({ fit, ...sampleStatistics(xs, fit.cdf) }));
    dataQuantile = (p) => sampleQuantile(xs, p);
  } else {
    n = bucketTotal(m.buckets);
    fittedOn = n;
    const { fits, skipped: left } = fitHistogram(m.buckets);
    skipped.push(...left);
    ranked = fits.map((fit) => ({ fit, ...bucketStatistics(m.buckets, fit.cdf) }));
    dataQuantile = (p) => bucketQuantile(m.buckets, p);
  }
  for (const r of ranked) if (!Number.isFinite(r.ad)) skipped.push({ family: r.fit.family, reason: "its fit gives no finite statistic on these data" });
  ranked = rank(ranked.filter((r) => Number.isFinite(r.ad)));
  return { measurements: m, n, fittedOn, ranked, best: chooseBest(ranked), skipped, dataQuantile };
}
