import { describe, expect, test } from "vitest";
import { zipfProblems, zipfSampler } from "../../src/engine/distributions/zipf.js";
import { streamFor } from "../../src/engine/random-streams.js";

const SEED = 7_919;
const N = 200_000;

/** Counts of each rank 1..n over `draws` draws (index 0 unused). */
function counts(n: number, s: number, draws = N): Float64Array {
  const sample = zipfSampler(streamFor(SEED, `zipf/${n}/${s}`), { n, s });
  const seen = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) {
    const k = sample();
    if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`rank ${k} outside 1..${n}`);
    seen[k]++;
  }
  return seen;
}

/** The exact probabilities (1/k^s) / H(n, s), H the generalized harmonic number (index 0 unused). */
function zipfProbabilities(n: number, s: number): Float64Array {
  const p = new Float64Array(n + 1);
  let harmonic = 0;
  for (let k = 1; k <= n; k++) harmonic += k ** -s;
  for (let k = 1; k <= n; k++) p[k] = k ** -s / harmonic;
  return p;
}

describe.each([1.0, 0.8])("zipf over 1..1000 with s = %s", (s) => {
  const n = 1000;
  const seen = counts(n, s);
  const p = zipfProbabilities(n, s);

  // A rank's share of N draws has binomial standard error √(p(1 − p)/N); allow five of them.
  test.each([1, 10, 100])("the share of rank %i is (1/k^s) / H(n, s)", (k) => {
    expect(Math.abs(seen[k] / N - p[k])).toBeLessThan(5 * Math.sqrt((p[k] * (1 - p[k])) / N));
  });

  // Over all 1000 ranks, Pearson's χ² has 999 degrees of freedom: mean 999, standard deviation
  // √(2 · 999) ≈ 44.7; the smallest expected count (rank 1000) is over 20, so the χ² law holds.
  // Five standard deviations above the mean still rejects any visible bias in a single rank.
  test("the whole law: Pearson χ² within 5 standard deviations of its mean", () => {
    let chi2 = 0;
    for (let k = 1; k <= n; k++) chi2 += (seen[k] - N * p[k]) ** 2 / (N * p[k]);
    expect(chi2).toBeLessThan(999 + 5 * Math.sqrt(2 * 999));
  });
});

describe("zipf edge cases", () => {
  test("s = 0 is uniform over the ranks", () => {
    const seen = counts(10, 0);
    const tolerance = 5 * Math.sqrt((0.1 * 0.9) / N);
    for (let k = 1; k <= 10; k++) expect(Math.abs(seen[k] / N - 0.1)).toBeLessThan(tolerance);
  });

  test("s = 2 (the steep branch, H bounded): rank 1 and rank 2 shares", () => {
    const seen = counts(1000, 2);
    const p = zipfProbabilities(1000, 2);
    for (const k of [1, 2]) expect(Math.abs(seen[k] / N - p[k])).toBeLessThan(5 * Math.sqrt((p[k] * (1 - p[k])) / N));
  });

  test("n = 1 always draws rank 1", () => {
    expect(counts(1, 1.2, 1000)[1]).toBe(1000);
  });

  test("a billion ranks needs no table and draws quickly", () => {
    const sample = zipfSampler(streamFor(SEED, "zipf/huge"), { n: 1e9, s: 1.1 });
    for (let i = 0; i < 10_000; i++) {
      const k = sample();
      expect(k >= 1 && k <= 1e9 && Number.isInteger(k)).toBe(true);
    }
  });

  test("the same seed gives the same ranks", () => {
    const a = zipfSampler(streamFor(SEED, "zipf/same"), { n: 50, s: 0.9 });
    const b = zipfSampler(streamFor(SEED, "zipf/same"), { n: 50, s: 0.9 });
    for (let i = 0; i < 1000; i++) expect(a()).toBe(b());
  });

  test("bad params are refused with RangeError", () => {
    expect(zipfProblems({ n: 0, s: 1 })).toEqual(["zipf: n must be a whole number ≥ 1, got 0"]);
    expect(zipfProblems({ n: 10, s: -0.5 })).toEqual(["zipf: s (-0.5) must be at least 0"]);
    expect(() => zipfSampler(streamFor(SEED, "zipf/bad"), { n: 2.5, s: 1 })).toThrow(RangeError);
    expect(() => zipfSampler(streamFor(SEED, "zipf/bad"), { n: 10, s: NaN })).toThrow(/zipf: s must be a finite number/);
  });
});
