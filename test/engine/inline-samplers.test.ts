import { randomExponential } from "d3-random";
import { expect, test } from "vitest";
import { gammaSampler } from "../../src/engine/distributions/gamma-sampler.js";
import { makeSampler } from "../../src/engine/sampler.js";
import { streamFor } from "../../src/engine/random-streams.js";

// The exponential sampler, whose logarithm is done inline, makes the same draws in the same order
// as d3-random's, up to the last bits of a double; the gamma's moments against the closed form.
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
