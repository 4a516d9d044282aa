import { expect, test } from "vitest";
import { streamFor } from "../../src/engine/random-streams.js";
import { estimate, studentT975 } from "../../src/experiment/statistics.js";

test("Student t quantiles: the table and the large-df approximation", () => {
  expect(studentT975(1)).toBeCloseTo(12.706, 3);
  expect(studentT975(9)).toBeCloseTo(2.262, 3);
  expect(studentT975(60)).toBeCloseTo(2.0003, 2);
  expect(studentT975(1000)).toBeCloseTo(1.9623, 2);
});

test("mean, sample standard deviation and interval of a small sample", () => {
  const e = estimate([1, 2, 3, 4, 5]);
  expect(e.mean).toBe(3);
  expect(e.std).toBeCloseTo(Math.sqrt(2.5), 12);
  const half = 2.776 * (Math.sqrt(2.5) / Math.sqrt(5));
  expect(e.ci95[0]).toBeCloseTo(3 - half, 9);
  expect(e.ci95[1]).toBeCloseTo(3 + half, 9);
});

test("95% intervals of 10 normal draws cover the true mean about 95% of the time (2000 intervals, ±3σ)", () => {
  const u = streamFor(5, "coverage");
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  let covered = 0;
  const trials = 2000;
  for (let t = 0; t < trials; t++) {
    const e = estimate(Array.from({ length: 10 }, () => 7 + 2 * normal()));
    if (e.ci95[0] <= 7 && 7 <= e.ci95[1]) covered++;
  }
  // Binomial(2000, 0.95): sd ≈ 0.0049; 3σ ≈ 0.0146.
  expect(Math.abs(covered / trials - 0.95)).toBeLessThan(0.0146);
});
