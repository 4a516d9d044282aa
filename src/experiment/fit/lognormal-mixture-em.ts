import { mixtureFit, type LognormalPart } from "./families.js";
import type { FittedDistribution } from "./fitted-distribution.js";

const LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

interface Normal2 {
  w: number;
  mu1: number;
  s1: number;
  mu2: number;
  s2: number;
}

/** The E step: r[i] = P(part 1 | y_i), computed stably from the log densities; returns the log-likelihood. */
function expectation(ys: Float64Array, { w, mu1, s1, mu2, s2 }: Normal2, r: Float64Array): number {
  let total = 0;
  const c1 = Math.log(w) - Math.log(s1) - LOG_SQRT_TWO_PI;
  const c2 = Math.log(1 - w) - Math.log(s2) - LOG_SQRT_TWO_PI;
  for (let i = 0; i < ys.length; i++) {
    const l1 = c1 - 0.5 * ((ys[i] - mu1) / s1) ** 2;
    const l2 = c2 - 0.5 * ((ys[i] - mu2) / s2) ** 2;
    const d = l2 - l1;
    if (d < 0) {
      const e = Math.exp(d);
      r[i] = 1 / (1 + e);
      total += l1 + Math.log1p(e);
    } else {
      const e = Math.exp(-d);
      r[i] = e / (1 + e);
      total += l2 + Math.log1p(e);
    }
  }
  return total;
}

/** The M step: weighted means and sds (kept above `floor`); undefined when a part has emptied (fewer than 2 samples' weight). */
function maximization(ys: Float64Array, r: Float64Array, floor: number): Normal2 | undefined {
  const n = ys.length;
  let n1 = 0;
  let sum1 = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    n1 += r[i];
    sum1 += r[i] * ys[i];
    sum2 += (1 - r[i]) * ys[i];
  }
  const n2 = n - n1;
  if (n1 < 2 || n2 < 2) return undefined;
  const [mu1, mu2] = [sum1 / n1, sum2 / n2];
  let v1 = 0;
  let v2 = 0;
  for (let i = 0; i < n; i++) {
    v1 += r[i] * (ys[i] - mu1) ** 2;
    v2 += (1 - r[i]) * (ys[i] - mu2) ** 2;
  }
  return { w: n1 / n, mu1, s1: Math.max(Math.sqrt(v1 / n1), floor), mu2, s2: Math.max(Math.sqrt(v2 / n2), floor) };
}

/** EM for a two-part normal mixture of `ys` from `start`, until the gain is below 1e-7 per sample or `iterations`; the parameters and their log-likelihood. */
function em(ys: Float64Array, start: Normal2, floor: number, iterations: number): { params: Normal2; logLik: number } {
  let params = start;
  let logLik = -Infinity;
  const r = new Float64Array(ys.length);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const total = expectation(ys, params, r);
    const next = maximization(ys, r, floor);
    const done = next === undefined || total - logLik < 1e-7 * ys.length;
    logLik = total;
    if (next === undefined) break; // a part emptied: one lognormal, not a mixture
    params = next;
    if (done) break;
  }
  return { params, logLik };
}

/**
 * Maximum likelihood mixture of two lognormals for positive sorted samples: EM on the logs (a
 * two-part normal mixture), started from three splits of the sorted data (at its 50th, 80th and
 * 95th percentiles, each side's mean and sd), 30 steps each, and the best carried on to
 * convergence (a gain below 1e-7 per sample) or 300 steps. Part sds are kept
 * above 1/1000 of the logs' sd, so a part cannot collapse onto repeated values.
 */
export function fitLognormalMixture(xs: Float64Array): FittedDistribution | undefined {
  const n = xs.length;
  const ys = Float64Array.from(xs, Math.log);
  let mean = 0;
  for (const y of ys) mean += y / n;
  let variance = 0;
  for (const y of ys) variance += (y - mean) ** 2 / n;
  const floor = 1e-3 * Math.sqrt(variance);
  if (!(floor > 0)) return undefined;
  const side = (from: number, to: number) => {
    let m = 0;
    for (let i = from; i < to; i++) m += ys[i] / (to - from);
    let v = 0;
    for (let i = from; i < to; i++) v += (ys[i] - m) ** 2 / (to - from);
    return { mu: m, s: Math.max(Math.sqrt(v), floor) };
  };
  let best: { params: Normal2; logLik: number } | undefined;
  for (const split of [0.5, 0.8, 0.95]) {
    const k = Math.round(split * n);
    const [low, high] = [side(0, k), side(k, n)];
    const found = em(ys, { w: k / n, mu1: low.mu, s1: low.s, mu2: high.mu, s2: high.s }, floor, 30);
    if (best === undefined || found.logLik > best.logLik) best = found;
  }
  const p = em(ys, best!.params, floor, 300).params;
  if (!(p.w > 0 && p.w < 1)) return undefined;
  const parts: [LognormalPart, LognormalPart] = [
    { weight: p.w, mu: p.mu1, sigma: p.s1 },
    { weight: 1 - p.w, mu: p.mu2, sigma: p.s2 },
  ];
  return mixtureFit(parts);
}
