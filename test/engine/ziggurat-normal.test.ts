import { expect, test } from "vitest";
import { standardNormalQuantile } from "../../src/engine/distributions/normal-quantile.js";
import { standardNormal } from "../../src/engine/distributions/ziggurat-normal.js";
import { streamFor } from "../../src/engine/random-streams.js";
import { makeSampler } from "../../src/engine/sampler.js";

// The ziggurat normal and the samplers built on it (lognormal, gamma, scaled beta) against their
// closed forms. Fixed seeds; each tolerance is stated beside its check.

const DRAWS = 2_000_000;
const BINS = 100;

/** Pearson's χ² of `draw` over BINS bins of equal probability under the CDF whose quantile is given. */
function chiSquare(draw: () => number, quantile: (p: number) => number): number {
  const edges = Array.from({ length: BINS - 1 }, (_, i) => quantile((i + 1) / BINS));
  const counts = new Float64Array(BINS);
  for (let i = 0; i < DRAWS; i++) {
    const x = draw();
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  const expected = DRAWS / BINS;
  let sum = 0;
  for (const c of counts) sum += ((c - expected) * (c - expected)) / expected;
  return sum;
}
// χ² with 99 degrees of freedom exceeds 148.2 with probability 0.001.
const CHI_SQUARE_999 = 148.2;

test("standard normal draws fit Φ in 100 equal-probability bins (χ², p > 0.001)", () => {
  const source = streamFor(5, "ziggurat/chi-square");
  expect(chiSquare(() => standardNormal(source), standardNormalQuantile)).toBeLessThan(CHI_SQUARE_999);
});

test("mean 0, variance 1, symmetric, and the tails beyond the base strip (3.44) at their closed-form rates", () => {
  const source = streamFor(6, "ziggurat/moments");
  const n = 4_000_000;
  let sum = 0;
  let squares = 0;
  let fourth = 0;
  let beyondR = 0;
  let above4 = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    const z = standardNormal(source);
    sum += z;
    squares += z * z;
    fourth += z * z * z * z;
    if (Math.abs(z) > 3.442619855899) beyondR++;
    if (z > 4) above4++;
    if (z < 0) negative++;
  }
  // Standard errors: mean 1/√n = 0.0005, variance √(2/n) = 0.0007, kurtosis √(96/n) ≈ 0.005: 5 of each.
  expect(Math.abs(sum / n)).toBeLessThan(0.0025);
  expect(Math.abs(squares / n - 1)).toBeLessThan(0.0035);
  expect(Math.abs(fourth / n - 3)).toBeLessThan(0.025);
  expect(Math.abs(negative / n - 0.5)).toBeLessThan(0.0025);
  // P(|Z| > 3.4426) = 5.761e-4 (2,304 expected, sd 48); P(Z > 4) = 3.167e-5 (127 expected, sd 11): 5 sd.
  expect(Math.abs(beyondR - 5.761e-4 * n)).toBeLessThan(5 * 48);
  expect(Math.abs(above4 - 3.167e-5 * n)).toBeLessThan(5 * 11.3);
});

test("normal(mean, stddev) and lognormal(median, p99) draws fit their closed forms (χ²)", () => {
  const normal = makeSampler({ dist: "normal", mean: 10, stddev: 2 }, streamFor(7, "normal"));
  expect(chiSquare(normal, (p) => 10 + 2 * standardNormalQuantile(p))).toBeLessThan(CHI_SQUARE_999);
  // ln of a lognormal(median 150, p99 600) is N(ln 150, (ln 4 / z₀.₉₉)²).
  const sigma = Math.log(600 / 150) / 2.3263478740408408;
  const lognormal = makeSampler({ dist: "lognormal", median: 150, p99: 600 }, streamFor(7, "lognormal"));
  expect(chiSquare(lognormal, (p) => 150 * Math.exp(sigma * standardNormalQuantile(p)))).toBeLessThan(CHI_SQUARE_999);
});

test("scaledBeta draws have the beta's closed-form mean and variance", () => {
  for (const [alpha, beta] of [
    [2, 5],
    [0.5, 0.5],
    [3, 1.5],
  ]) {
    const draw = makeSampler({ dist: "scaledBeta", min: 800, max: 1800, alpha, beta }, streamFor(8, `beta/${alpha}/${beta}`));
    const n = 1_000_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = (draw() - 800) / 1000;
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    const a = alpha + beta;
    const exactMean = alpha / a;
    const exactVariance = (alpha * beta) / (a * a * (a + 1));
    // The mean's standard error is √(variance / n) ≤ 0.00036; the variance's is below 0.0003 here.
    expect(Math.abs(mean - exactMean)).toBeLessThan(5 * Math.sqrt(exactVariance / n));
    expect(Math.abs(variance - exactVariance) / exactVariance).toBeLessThan(0.01);
  }
});
