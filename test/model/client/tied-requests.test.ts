import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import type { DistributionSpec } from "../../../src/engine/distribution-spec.js";
import type { HedgingConfig } from "../../../src/model/config.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { World } from "../../../src/model/world.js";
import { clusterConfig, constant, nodeConfig, tinySimulation } from "../tiny-world.js";

// Two one-slot servers (pool mode), GETs only. Every request goes to a random server and, 1 µs
// later, its hedge to the other: two copies, tied or not.

interface Setup {
  readonly rate: number;
  readonly service: DistributionSpec;
  /** One-way network latency, both within and across zones. */
  readonly network: DistributionSpec;
  /** Absent: copies untied (a plain hedge after 1 µs). */
  readonly cancelDelay?: number;
  readonly duration: number;
  readonly seed?: number;
}

function run(s: Setup) {
  const node = nodeConfig({ concurrency: 1, queueLimit: 100_000, cpu: { GET: s.service }, disk: constant(0), diskReads: { GET: 0, PUT: 0, SCAN: 0 } });
  const regions = [{ name: "r1", zones: ["a", "b"], nodesPerZone: 1, replicationFactor: 1 }];
  const network = { sameZone: s.network, crossZone: s.network, crossRegion: s.network, bandwidth: 1e12 };
  const signals = { default: { target: 10_000, max: 60_000_000, concurrency: 1e6, hedges: 1 }, overrides: [], timeline: [] };
  const base = tinySimulation({ duration: s.duration, rate: s.rate, cluster: clusterConfig({ mode: "pool", regions, node, network, signals }) }).world;
  const hedging: HedgingConfig = { minSamples: 0, halfLife: 100, delay: { fixed: 1 }, ...(s.cancelDelay === undefined ? {} : { tied: { cancelDelay: s.cancelDelay } }) };
  const ns = { ...base.workload.namespaces[0], mix: { GET: 1, PUT: 0, SCAN: 0 } };
  const config = { ...base, workload: { ...base.workload, namespaces: [ns] }, client: { ...base.client, hedging } };
  let latencySum = 0;
  let ok = 0;
  const world = new World(config, s.seed ?? 3, {
    requests: { onRequestDone: (r, latency) => { if (r.outcome === Outcome.OK) { ok++; latencySum += latency; } } },
  });
  world.run();
  const sum = (f: (c: (typeof world.clients)[number]) => number) => world.clients.reduce((a, c) => a + f(c), 0);
  const requests = sum((c) => c.stats.firstAttempts);
  const served = world.cluster.nodes.reduce((a, n) => a + n.stats.served, 0);
  return { ok, requests, meanLatency: latencySum / ok, served, duplicated: sum((c) => c.stats.tiedDuplicated), cancelled: sum((c) => c.stats.tiedCancelled) };
}

describe("tied requests on two M/M/1 servers", () => {
  // λ = 1400/s, 1/μ = 1 ms exponential: each server alone at ρ = 0.7.
  const mm = { rate: 1400, service: { dist: "exponential", mean: 1000 } as DistributionSpec, network: constant(1), duration: seconds(120) };
  const lambda = 1400 / 1e6;
  const mu = 1 / 1000;

  test("no cancel delay: one central queue, M/M/2 — mean latency 1/μ + C(2, λ/μ)/(2μ − λ), and no work served twice", () => {
    const r = run({ ...mm, cancelDelay: 0 });
    // Both copies join both FIFO queues; the first server to free up takes the request and the other
    // copy leaves at once: the two queues act as one queue with two servers (Erlang C).
    const rho = lambda / (2 * mu);
    const waitProbability = (2 * rho * rho) / (1 + rho); // 0.5765
    const expected = 1 / mu + waitProbability / (2 * mu - lambda); // 1961 µs
    expect(Math.abs(r.meanLatency - expected - 2)).toBeLessThan(0.04 * expected);
    expect(r.duplicated).toBe(0);
    expect(r.served).toBeLessThanOrEqual(r.requests);
    expect(r.requests - r.served).toBeLessThan(30); // the few still queued at the end
    expect(r.cancelled).toBeGreaterThan(r.requests - 30); // every other copy was cancelled
  });

  test("untied, the same copies serve every request twice", () => {
    // At 1400/s that would be ρ = 1.4 per server: at 400/s each server is at ρ = 0.4 with the duplicates.
    const r = run({ ...mm, rate: 400, duration: seconds(20) });
    expect(r.served).toBeGreaterThan(1.95 * r.ok);
  });

  test("a cancel delay δ, both servers idle: a copy is duplicated exactly when the two arrive within δ: P = 1 − e^(−δ/m) for Exp(m) network delays", () => {
    // 20 requests/s of 100 µs: the servers are idle almost always (ρ = 0.2 %). The copies arrive
    // X₁ and 1 µs + X₂ after the request, X ~ Exp(1 ms); |X₁ − X₂| ~ Exp(1 ms).
    const m = 1000;
    const delta = 500;
    const r = run({ rate: 20, service: constant(100), network: { dist: "exponential", mean: m }, cancelDelay: delta, duration: seconds(600) });
    const expected = 1 - Math.exp(-delta / m); // 0.3935
    const share = r.duplicated / r.requests;
    expect(Math.abs(share - expected)).toBeLessThan(4.5 * Math.sqrt((expected * (1 - expected)) / r.requests) + 0.003);
    // Every request is served once, or twice when duplicated.
    expect(Math.abs(r.served - r.requests - r.duplicated)).toBeLessThan(3);
    expect(r.cancelled + r.duplicated).toBeGreaterThan(r.requests - 3);
  });
});
