import type { DistributionSpec, LognormalPercentileSpec } from "../../engine/distribution-spec.js";
import { Z_99 } from "../../engine/distributions/lognormal.js";
import { fitLognormal, fitPareto } from "./closed-form-fits.js";
import { empiricalFit, lognormalFit, mixtureFit, paretoFit, scaledBetaFit, weibullFit, type EmpiricalKnotValues } from "./families.js";
import type { FittedDistribution, SkippedFamily } from "./fitted-distribution.js";
import { bucketTotal, type Buckets } from "./goodness-of-fit.js";
import { fitLognormalMixture } from "./lognormal-mixture-em.js";
import { nelderMead } from "./nelder-mead.js";
import { fitScaledBeta } from "./scaled-beta-mle.js";
import { fitWeibull } from "./weibull-mle.js";

/** The multinomial log-likelihood of a histogram under `cdf`: Σ count · ln P(bucket); −Infinity when a bucket with counts is impossible. */
export function bucketLogLikelihood(b: Buckets, cdf: (x: number) => number): number {
  let previous = 0;
  let sum = 0;
  for (let j = 0; j < b.edges.length; j++) {
    const f = cdf(b.edges[j]);
    if (b.counts[j] > 0) sum += b.counts[j] * Math.log(f - previous);
    previous = f;
  }
  if (b.overflow > 0) sum += b.overflow * Math.log(1 - previous);
  return Number.isNaN(sum) ? -Infinity : sum;
}

/** Samples standing in for a histogram, spread evenly inside each bucket (above the last edge: at 1.5 × it), at most ~20,000: only to start the fits. */
function pseudoSamples(b: Buckets): Float64Array {
  const scale = Math.min(1, 20_000 / bucketTotal(b));
  const out: number[] = [];
  b.edges.forEach((edge, j) => {
    const low = j === 0 ? 0 : b.edges[j - 1];
    const m = Math.round(b.counts[j] * scale);
    for (let k = 0; k < m; k++) out.push(low + ((k + 0.5) / m) * (edge - low));
  });
  const last = b.edges[b.edges.length - 1];
  for (let k = Math.round(b.overflow * scale); k > 0; k--) out.push(1.5 * last);
  return Float64Array.from(out).sort();
}

/** A family for the histogram fit: its parameters as an unconstrained vector and back. */
interface Parametrization {
  readonly toVector: (spec: DistributionSpec) => number[];
  readonly fromVector: (v: readonly number[]) => FittedDistribution | undefined;
}

const logScale = (spec: LognormalPercentileSpec) => ({ mu: Math.log(spec.median), sigma: Math.log(spec.p99 / spec.median) / Z_99 });
const logit = (w: number) => Math.log(w / (1 - w));

const PARAMETRIZATIONS: Record<string, Parametrization> = {
  lognormal: {
    toVector: (s) => { const { mu, sigma } = logScale(s as LognormalPercentileSpec); return [mu, Math.log(sigma)]; },
    fromVector: ([mu, ls]) => lognormalFit(mu, Math.exp(ls)),
  },
  weibull: {
    toVector: (s) => (s.dist === "weibull" ? [Math.log(s.scale), Math.log(s.shape)] : []),
    fromVector: ([l, k]) => weibullFit(Math.exp(l), Math.exp(k)),
  },
  pareto: {
    toVector: (s) => (s.dist === "pareto" ? [Math.log(s.scale), Math.log(s.alpha)] : []),
    fromVector: ([l, a]) => paretoFit(Math.exp(l), Math.exp(a)),
  },
  scaledBeta: {
    toVector: (s) => (s.dist === "scaledBeta" ? [Math.log(s.min), Math.log(s.max - s.min), Math.log(s.alpha), Math.log(s.beta)] : []),
    fromVector: ([a, w, al, be]) => scaledBetaFit(Math.exp(a), Math.exp(a) + Math.exp(w), Math.exp(al), Math.exp(be)),
  },
  mixture: {
    toVector: (s) => {
      if (s.dist !== "mixture") return [];
      const [a, b] = s.components.map((c) => ({ weight: c.weight, ...logScale(c as LognormalPercentileSpec) }));
      return [logit(a.weight), a.mu, Math.log(a.sigma), b.mu, Math.log(b.sigma)];
    },
    fromVector: ([lw, mu1, ls1, mu2, ls2]) => {
      const w = 1 / (1 + Math.exp(-lw));
      if (!(w > 0 && w < 1)) return undefined;
      return mixtureFit([{ weight: w, mu: mu1, sigma: Math.exp(ls1) }, { weight: 1 - w, mu: mu2, sigma: Math.exp(ls2) }]);
    },
  },
};

/** The share-p point of a histogram, linear inside its bucket; undefined when it lies above the last finite edge. */
export function bucketQuantile(b: Buckets, p: number): number | undefined {
  const target = p * bucketTotal(b);
  let cumulative = 0;
  for (let j = 0; j < b.edges.length; j++) {
    const next = cumulative + b.counts[j];
    if (next >= target && b.counts[j] > 0) {
      const low = j === 0 ? 0 : b.edges[j - 1];
      return low + ((target - cumulative) / b.counts[j]) * (b.edges[j] - low);
    }
    cumulative = next;
  }
  return undefined;
}

/**
 * relisim's `empirical` distribution on a histogram's percentiles (linear inside buckets): min the
 * lower edge of the first bucket with counts, max the upper edge of the last when nothing is above
 * the last edge; a percentile above the last finite edge is left out. Undefined when the median is.
 */
function empiricalFromBuckets(b: Buckets): FittedDistribution | undefined {
  const p50 = bucketQuantile(b, 0.5);
  if (p50 === undefined) return undefined;
  const first = b.counts.findIndex((c) => c > 0);
  let lastFull = -1;
  b.counts.forEach((c, j) => { if (c > 0) lastFull = j; });
  const knots: { -readonly [K in keyof EmpiricalKnotValues]: EmpiricalKnotValues[K] } = { min: first <= 0 ? 0 : b.edges[first - 1], p50 };
  for (const [key, p] of [["p90", 0.9], ["p99", 0.99], ["p999", 0.999]] as const) {
    const q = bucketQuantile(b, p);
    if (q !== undefined) knots[key] = q;
  }
  if (b.overflow === 0) knots.max = b.edges[lastFull];
  return empiricalFit(knots);
}

/**
 * Every family fitted to a histogram by maximum likelihood on its bucket counts (the multinomial
 * likelihood: each observation is only known to lie in its bucket). Each search is Nelder–Mead,
 * started from the sample fit to evenly spread stand-in samples; the empirical fit reads the
 * histogram's percentiles. A family is left out (with its reason) when it has at least as many
 * parameters as the histogram has degrees of freedom (informative buckets − 1): it would fit any
 * histogram and the statistics would say nothing.
 */
export function fitHistogram(b: Buckets): { fits: FittedDistribution[]; skipped: SkippedFamily[] } {
  const xs = pseudoSamples(b);
  const starts = [fitLognormal(xs), fitWeibull(xs), fitPareto(xs), fitScaledBeta(xs), fitLognormalMixture(xs)];
  const families = ["lognormal", "weibull", "pareto", "scaledBeta", "mixture"] as const;
  const fits: FittedDistribution[] = [];
  const skipped: SkippedFamily[] = [];
  const freedom = informativeBuckets(b) - 1;
  for (const [i, start] of starts.entries()) {
    const family = families[i];
    const count = family === "scaledBeta" ? 4 : family === "mixture" ? 5 : 2;
    if (count >= freedom) {
      skipped.push({ family, reason: `${count} parameters need more than ${freedom + 1} buckets with observations in their span` });
      continue;
    }
    if (start === undefined) {
      skipped.push({ family, reason: family === "scaledBeta" ? "no bounded start: the data have no upper end a beta could find" : "no start: the logs have no spread to split in two" });
      continue;
    }
    const p = PARAMETRIZATIONS[start.family];
    const objective = (v: readonly number[]) => {
      const fit = p.fromVector(v);
      return fit === undefined ? Infinity : -bucketLogLikelihood(b, fit.cdf);
    };
    let best = { x: p.toVector(start.spec), value: objective(p.toVector(start.spec)) };
    // Restarts from the last optimum: Nelder–Mead can stall on a ridge.
    for (let round = 0; round < 3; round++) {
      const found = nelderMead(objective, best.x, { step: 0.2, tolerance: 1e-10, maxEvaluations: 3000 });
      const improved = found.value < best.value - 1e-9;
      if (found.value <= best.value) best = found;
      if (!improved) break;
    }
    const fit = Number.isFinite(best.value) ? p.fromVector(best.x) : undefined;
    if (fit !== undefined) fits.push(fit);
    else skipped.push({ family, reason: "no parameters make every bucket with observations possible" });
  }
  const empirical = empiricalFromBuckets(b);
  if (empirical !== undefined) fits.push(empirical);
  else skipped.push({ family: "empirical", reason: "the median lies above the last finite bucket" });
  return { fits, skipped };
}

/** Buckets from the first with observations to the last (the +Inf bucket included), empty ones inside counted: the cells a fit must explain. */
export function informativeBuckets(b: Buckets): number {
  const all = [...b.counts, b.overflow];
  const first = all.findIndex((c) => c > 0);
  let last = first;
  all.forEach((c, j) => { if (c > 0) last = j; });
  return last - first + 1;
}
