import { describe, expect, test } from "vitest";
import { runStation } from "../support/station.js";

/**
 * The engine against closed-form queueing results, not against itself.
 * Service times are rounded to whole µs (mean 1000 µs), a bias below 0.05%.
 * Sample sizes: the mean sojourn of M/M/1 is strongly autocorrelated near saturation; its
 * asymptotic relative standard error is about 0.4%/√(n/10^6) at ρ = 0.5, 0.9% at 0.8, 1.9% at 0.9.
 * We take 10^6 and 4·10^6 completions so that 2% is at least 2.2 and 4.4 standard errors, and
 * assert that the batch-means interval is itself tighter than the tolerance. ρ = 0.9 (10^7
 * completions, as long as the rest of this file) is in test/long/queueing-heavy-traffic.test.ts.
 */
describe("M/M/1 with μ = 1 (mean sojourn 1/(μ − λ))", () => {
  test.each([
    [0.5, 2, 1_000_000],
    [0.8, 5, 4_000_000],
  ])("ρ = %s: mean sojourn %s within 2%% over %s completions", (rho, expected, completions) => {
    const r = runStation({
      seed: 2026,
      arrivalRate: rho,
      servers: 1,
      service: "exponential",
      serviceMean: 1,
      warmup: 100_000,
      completions,
    });
    expect(r.sojournHalfWidth / expected).toBeLessThan(0.02);
    expect(Math.abs(r.meanSojourn - expected) / expected).toBeLessThan(0.02);
  });
});

describe("M/M/c with c = 10, ρ = 0.8 (Erlang C)", () => {
  test("probability of waiting is 0.409 and mean wait C/(cμ − λ) = 0.2045", () => {
    // Erlang C for c = 10, a = λ/μ = 8: C = 0.40918. Standard error of the share over 10^6
    // strongly correlated arrivals is about 0.003; we allow 0.01.
    const r = runStation({
      seed: 7,
      arrivalRate: 8,
      servers: 10,
      service: "exponential",
      serviceMean: 1,
      warmup: 100_000,
      completions: 1_000_000,
    });
    expect(Math.abs(r.waitedShare - 0.40918)).toBeLessThan(0.01);
    expect(Math.abs(r.meanWait - 0.40918 / 2) / 0.2046).toBeLessThan(0.03);
  });
});

describe("M/D/1 at ρ = 0.8 (Pollaczek–Khinchine)", () => {
  test("mean sojourn 1/μ + ρ/(2μ(1 − ρ)) = 3.0 within 2%", () => {
    const r = runStation({
      seed: 11,
      arrivalRate: 0.8,
      servers: 1,
      service: "deterministic",
      serviceMean: 1,
      warmup: 100_000,
      completions: 2_000_000,
    });
    expect(r.sojournHalfWidth / 3).toBeLessThan(0.02);
    expect(Math.abs(r.meanSojourn - 3) / 3).toBeLessThan(0.02);
  });
});

describe("determinism", () => {
  test("the same seed gives the same fingerprint and result; another seed does not", () => {
    const opts = { arrivalRate: 0.8, servers: 1, service: "exponential", serviceMean: 1, warmup: 0, completions: 50_000 } as const;
    const a = runStation({ seed: 5, ...opts });
    const b = runStation({ seed: 5, ...opts });
    const c = runStation({ seed: 6, ...opts });
    expect(b).toEqual(a);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});
