import { weibullFit } from "./families.js";
import type { FittedDistribution } from "./fitted-distribution.js";

/**
 * Maximum likelihood Weibull for positive samples. The shape k solves
 * Σ yᵏ ln y / Σ yᵏ − 1/k − mean(ln y) = 0 (y = x / geometric mean, for stable powers), a function
 * increasing in k: Newton's method, falling back to bisection inside a bracket kept around the root.
 * Then scale = (mean xᵏ)^(1/k).
 */
export function fitWeibull(xs: Float64Array): FittedDistribution {
  const n = xs.length;
  const logs = new Float64Array(n);
  let logSum = 0;
  for (let i = 0; i < n; i++) logSum += logs[i] = Math.log(xs[i]);
  const logMean = logSum / n;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    logs[i] -= logMean; // ln y, centred: mean(ln y) = 0
    variance += logs[i] * logs[i];
  }
  const sd = Math.sqrt(variance / n);
  // g(k) = Σ yᵏ ln y / Σ yᵏ − 1/k (mean ln y = 0) and its derivative, Var of ln y under weights yᵏ + 1/k².
  const g = (k: number) => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const w = Math.exp(k * logs[i]);
      s0 += w;
      s1 += w * logs[i];
      s2 += w * logs[i] * logs[i];
    }
    const m = s1 / s0;
    return { value: m - 1 / k, slope: s2 / s0 - m * m + 1 / (k * k) };
  };
  // sd(ln X) = π / (k √6) for a Weibull: the start.
  let k = Math.PI / (Math.sqrt(6) * sd);
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 100; i++) {
    const { value, slope } = g(k);
    if (value < 0) lo = k;
    else hi = k;
    let next = k - value / slope;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * k;
    if (Math.abs(next - k) <= 1e-12 * k) {
      k = next;
      break;
    }
    k = next;
  }
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += Math.exp(k * logs[i]);
  return weibullFit(Math.exp(logMean) * Math.pow(s0 / n, 1 / k), k);
}
