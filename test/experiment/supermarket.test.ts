import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/**
 * The client balancers against classic queueing results, in pool mode: 100 single-slot servers
 * with exponential service (mean 1 ms), one client that sees every request it has in flight
 * (so its counts are the true queue lengths), Poisson arrivals at λ = 0.9 per server.
 * Network hops take 1 µs each (2 µs per request, 0.1% of the figures below).
 *
 * - random: each server is an M/M/1 queue: mean sojourn 1/(1 − λ) = 10 ms.
 * - choice of two (the supermarket model, Mitzenmacher 1996): as n → ∞ the mean sojourn is
 *   Σ_{i≥1} λ^(2^i − 2) = 1 + λ² + λ⁶ + λ¹⁴ + … = 2.614 ms at λ = 0.9; with n = 100 servers it
 *   is a few percent above that limit.
 */
function scenario(balancer: string, duration: string): string {
  return `
duration: ${duration}
seed: 3
cluster:
  mode: pool
  regions: [{ name: r, zones: [z], nodesPerZone: 100, replicationFactor: 1 }]
  node:
    concurrency: 1
    queueLimit: 1000000
    cpu: { GET: { dist: exponential, mean: 1ms } }
    diskReads: { GET: 0 }
  network: { sameZone: 0, crossZone: 0, crossRegion: 0, bandwidth: 1000GB/s }
  signals: { max: 1h }
workload:
  rate: 90000/s
  mix: { GET: 100% }
clients: { perZone: 1, balancer: ${balancer} }
`;
}

function meanSojournMs(balancer: string, duration: string): number {
  const s = loadScenarioText(scenario(balancer, duration), `${balancer}.yaml`);
  return simulate(s.base.config, s.seed).outcome.latencyMs.GET.mean;
}

describe("balancers against queueing theory (pool mode)", () => {
  const SUPERMARKET_LIMIT = [0, 2, 6, 14, 30, 62, 126].reduce((sum, k) => sum + 0.9 ** k, 0);

  test("choice of two: the supermarket model's 2.614 ms, within +0..6% for 100 servers (≥ 10^6 requests)", () => {
    expect(SUPERMARKET_LIMIT).toBeCloseTo(2.6141, 3);
    const t = meanSojournMs("choiceOfTwo", "12s");
    expect(t).toBeGreaterThan(SUPERMARKET_LIMIT * 0.99);
    expect(t).toBeLessThan(SUPERMARKET_LIMIT * 1.06);
  });

  test("least outstanding (join the shortest queue) does better still than choice of two", () => {
    // About 1.07 ms (1.0745 over 6 s; 1.073, 1.082, 1.075 over 2 s on seeds 3, 4, 5) against a
    // bound of 1.57: 2 s (180,000 requests) decide it as well as 6.
    expect(meanSojournMs("leastOutstanding", "2s")).toBeLessThan(0.6 * SUPERMARKET_LIMIT);
  });

  test("random: every server an M/M/1 queue, 10 ms within 6% (≥ 10^6 requests)", () => {
    // 100 independent M/M/1 queues at ρ = 0.9 with 10^4 completions each: the mean over them has
    // a relative standard error of about 2%, so 6% is 3 standard errors.
    const t = meanSojournMs("random", "12s");
    expect(Math.abs(t - 10) / 10).toBeLessThan(0.06);
  });
});
