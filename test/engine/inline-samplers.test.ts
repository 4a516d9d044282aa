import { randomExponential, randomLogNormal, randomNormal } from "d3-random";
import { expect, test } from "vitest";
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
