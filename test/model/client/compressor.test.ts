import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { Compressor } from "../../../src/model/client/compressor.js";

describe("Compressor", () => {
  test("a constant ratio divides the bytes (rounded up); CPU is per MiB of uncompressed value", () => {
    const c = new Compressor({ ratio: { dist: "constant", value: 2.5 }, cpuPerMiB: 1000 }, streamFor(1, "c"));
    expect(c.compress(1000)).toBe(400);
    expect(c.compress(1001)).toBe(401);
    expect(c.cost(1024 * 1024)).toBe(1000);
    expect(c.cost(4 * 1024 * 1024)).toBe(4000);
  });

  test("a ratio below 1 sends the value as is", () => {
    const c = new Compressor({ ratio: { dist: "constant", value: 0.8 }, cpuPerMiB: 0 }, streamFor(1, "c"));
    expect(c.compress(1000)).toBe(1000);
  });

  test("a uniform 2–3× ratio shrinks 1 MB to E[1/R] = ln(1.5) MB on average, within 0.5%", () => {
    // 1/R for R ~ U(2, 3) has mean ln(3/2) ≈ 0.405 and sd ≈ 0.04; the mean of 20,000 is within
    // 5 × 0.04/√20000 ≈ 0.0014 of it, i.e. 0.35%.
    const c = new Compressor({ ratio: { dist: "uniform", min: 2, max: 3 }, cpuPerMiB: 0 }, streamFor(2, "u"));
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += c.compress(1_000_000);
    expect(Math.abs(sum / 20_000 / 1_000_000 - Math.log(1.5)) / Math.log(1.5)).toBeLessThan(0.005);
  });
});
