import { scaledBetaFit } from "./families.js";
import type { FittedDistribution } from "./fitted-distribution.js";
import { nelderMead } from "./nelder-mead.js";
import { digamma, logBeta, trigamma } from "../../engine/distributions/special-functions.js";

/**
 * The Beta(alpha, beta) maximum likelihood for data in (0, 1) given by its sufficient statistics
 * s1 = mean ln t and s2 = mean ln(1 − t): Newton's method on ψ(α) − ψ(α+β) = s1,
 * ψ(β) − ψ(α+β) = s2 (a concave problem), from the method-of-moments start.
 */
export function betaMle(s1: number, s2: number, mean: number, variance: number): { alpha: number; beta: number } {
  const common = Math.max((mean * (1 - mean)) / variance - 1, 1e-3);
  let a = Math.max(mean * common, 1e-3);
  let b = Math.max((1 - mean) * common, 1e-3);
  for (let i = 0; i < 100; i++) {
    const both = digamma(a + b);
    const f1 = digamma(a) - both - s1;
    const f2 = digamma(b) - both - s2;
    const t = trigamma(a + b);
    const j11 = trigamma(a) - t;
    const j22 = trigamma(b) - t;
    const det = j11 * j22 - t * t;
    let da = (j22 * f1 + t * f2) / det;
    let db = (t * f1 + j11 * f2) / det;
    // Halve the step until both stay positive.
    while (a - da <= 0 || b - db <= 0) {
      da /= 2;
      db /= 2;
    }
    a -= da;
    b -= db;
    if ((Math.abs(da) <= 1e-12 * a && Math.abs(db) <= 1e-12 * b) || a > 1e6 || b > 1e6) break;
  }
  return { alpha: a, beta: b };
}

/** The mean log-likelihood of scaled beta on [min, max] at its best alpha and beta, with them. */
function profile(xs: Float64Array, min: number, max: number): { value: number; alpha: number; beta: number } {
  const n = xs.length;
  const width = max - min;
  let s1 = 0;
  let s2 = 0;
  let m = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const t = (xs[i] - min) / width;
    s1 += Math.log(t);
    s2 += Math.log1p(-t);
    m += t;
    m2 += t * t;
  }
  s1 /= n;
  s2 /= n;
  m /= n;
  const { alpha, beta } = betaMle(s1, s2, m, m2 / n - m * m);
  return { value: (alpha - 1) * s1 + (beta - 1) * s2 - logBeta(alpha, beta) - Math.log(width), alpha, beta };
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));

/** max stays within 20 ranges of the samples, and the shapes below 10,000: beyond, the data have no upper end for a beta to find. */
const MAX_V = Math.log(20);
const MAX_SHAPE = 1e4;

/**
 * Maximum likelihood scaled beta, min + (max − min)·Beta(α, β), for sorted samples: α and β
 * profiled out (betaMle) and the ends found by Nelder–Mead. The ends keep a gap of range / n
 * beyond the extreme samples, so where the likelihood is unbounded (α or β < 1) the fit stops
 * there instead of running into a sample. The search keeps max within 20 ranges of the largest
 * sample and the shapes below 10,000, and gives no fit when the best lies there (data with no
 * upper end, such as a lognormal's). min stays above 0 (durations are not negative); when
 * the smallest sample is within that gap of 0 there is no fit (undefined).
 */
export function fitScaledBeta(xs: Float64Array): FittedDistribution | undefined {
  const n = xs.length;
  const range = xs[n - 1] - xs[0];
  if (!(range > 0)) return undefined;
  const gap = range / n;
  const lowest = xs[0] - gap;
  if (!(lowest > 0)) return undefined;
  const ends = ([u, v]: readonly number[]) => ({ min: lowest * sigmoid(u), max: xs[n - 1] + gap + range * Math.exp(v) });
  const objective = (x: readonly number[]) => {
    if (x[1] > MAX_V) return Infinity;
    const { min, max } = ends(x);
    const { value, alpha, beta } = profile(xs, min, max);
    return alpha > MAX_SHAPE || beta > MAX_SHAPE ? Infinity : -value;
  };
  let best: { x: number[]; value: number } | undefined;
  for (const share of [0.05, 0.3]) {
    const low = Math.max(xs[0] - share * range, lowest * 0.01);
    const u = Math.log(low / (lowest - low));
    const found = nelderMead(objective, [u, Math.log(share)], { step: 1, tolerance: 1e-10, maxEvaluations: 400 });
    if (best === undefined || found.value < best.value) best = found;
  }
  if (!Number.isFinite(best!.value) || best!.x[1] > MAX_V - 0.01) return undefined;
  const { min, max } = ends(best!.x);
  const { alpha, beta } = profile(xs, min, max);
  return scaledBetaFit(min, max, alpha, beta);
}
