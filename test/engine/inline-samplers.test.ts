import { randomBeta, randomExponential, randomGamma, randomLogNormal, randomNormal } from "d3-random";
import { expect, test } from "vitest";
import { gammaSampler } from "../../src/engine/distributions/gamma-sampler.js";
import { makeSampler } from "../../src/engine/sampler.js";
import { streamFor } from "../../src/engine/random-streams.js";

// The samplers whose logarithm or exponential is done inline make the same draws, in the same
// order, as the d3-random ones they replace, up to the last bits of a double.
const DRAWS = 200_000;
const TOLERANCE = 1e-14; // relative; the inline functions are within 2 ulp of libm

function worstDifference(ours: () => number, theirs: () => number): number {
  let worst = 0;
  for (let i = 0; i < DRAWS; i++) {
    const a = ours();
    const b = theirs();
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
  }
  return worst;
}

test("exponential draws match d3-random's randomExponential", () => {
  const ours = makeSampler({ dist: "exponential", mean: 250 }, streamFor(3, "s"));
  const theirs = randomExponential.source(streamFor(3, "s"))(1 / 250);
  expect(worstDifference(ours, theirs)).toBeLessThan(TOLERANCE);
});

test("normal draws match d3-random's randomNormal, pair by pair", () => {
  const ours = makeSampler({ dist: "normal", mean: 10, stddev: 2 }, streamFor(3, "s"));
  const theirs = randomNormal.source(streamFor(3, "s"))(10, 2);
  expect(worstDifference(ours, theirs)).toBeLessThan(TOLERANCE);
});

test("lognormal draws match d3-random's randomLogNormal", () => {
  const ours = makeSampler({ dist: "lognormal", median: 150, p99: 600 }, streamFor(3, "s"));
  const sigma = Math.log(600 / 150) / 2.3263478740408408;
  const theirs = randomLogNormal.source(streamFor(3, "s"))(Math.log(150), sigma);
  expect(worstDifference(ours, theirs)).toBeLessThan(TOLERANCE);
});

test.each([0.5, 1, 2, 5])("gamma(%d) draws match d3-random's randomGamma", (k) => {
  const ours = gammaSampler(streamFor(3, "s"), k);
  const theirs = randomGamma.source(streamFor(3, "s"))(k);
  expect(worstDifference(ours, theirs)).toBeLessThan(TOLERANCE);
});

test("gamma draws have mean k and variance k (Marsaglia-Tsang against the closed form)", () => {
  for (const k of [0.5, 2, 5]) {
    const draw = gammaSampler(streamFor(11, `gamma/${k}`), k);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < DRAWS; i++) {
      const x = draw();
      sum += x;
      squares += x * x;
    }
    const mean = sum / DRAWS;
    const variance = squares / DRAWS - mean * mean;
    // Standard error of the mean is sqrt(k / n) (0.005 at k = 5): 1% of k is over 6 of them at k ≥ 0.5.
    expect(Math.abs(mean - k) / k).toBeLessThan(0.01);
    expect(Math.abs(variance - k) / k).toBeLessThan(0.03);
  }
});

test("scaledBeta draws match d3-random's randomBeta, scaled", () => {
  const ours = makeSampler({ dist: "scaledBeta", min: 800, max: 1800, alpha: 2, beta: 5 }, streamFor(3, "s"));
  const beta = randomBeta.source(streamFor(3, "s"))(2, 5);
  expect(worstDifference(ours, () => 800 + 1000 * beta())).toBeLessThan(TOLERANCE);
});
