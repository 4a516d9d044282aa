import { describe, expect, test } from "vitest";
import { runStation } from "../support/station.js";

/**
 * The engine's M/M/1 in heavy traffic (test/engine/queueing.test.ts has ρ = 0.5 and 0.8). The
 * mean sojourn's asymptotic relative standard error at ρ = 0.9 is about 1.9%/√(n/10^6): over 10^7
 * completions 2% is 3.3 standard errors, and the batch-means interval must itself be tighter.
 */
describe("M/M/1 with μ = 1 at ρ = 0.9", () => {
  test("mean sojourn 1/(μ − λ) = 10 within 2% over 10^7 completions", () => {
    const r = runStation({ seed: 2026, arrivalRate: 0.9, servers: 1, service: "exponential", serviceMean: 1, warmup: 100_000, completions: 10_000_000 });
    expect(r.sojournHalfWidth / 10).toBeLessThan(0.02);
    expect(Math.abs(r.meanSojourn - 10) / 10).toBeLessThan(0.02);
  });
});
