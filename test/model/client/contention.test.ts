import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import type { ClosedLoopConfig, NamespaceConfig, RetryConfig } from "../../../src/model/config.js";
import type { SimulationConfig } from "../../../src/scenario/simulation-config.js";
import { clusterConfig, constant, nodeConfig, tinySimulation } from "../tiny-world.js";

// A pool of one node with 64 slots (never a queue here), every time a constant: a GET or PUT is
// 100 µs to the node, 1 ms of CPU, 100 µs back (R = 1.2 ms), over a 1 TB/s network.
const NET = 100;
const SERVICE = 1000;
const R = 2 * NET + SERVICE;

function pool(options: { rate: number; duration: number; namespace: Partial<NamespaceConfig>; closedLoop?: ClosedLoopConfig; retries?: RetryConfig; perZone?: number }): SimulationConfig {
  const sim = tinySimulation({
    rate: options.rate,
    duration: options.duration,
    cluster: clusterConfig({
      mode: "pool",
      regions: [{ name: "r1", zones: ["a"], nodesPerZone: 1, replicationFactor: 0 }],
      node: nodeConfig({ concurrency: 64, queueLimit: 1000, disk: constant(0), diskReads: { GET: 0, PUT: 0, SCAN: 0 }, cpu: { GET: constant(SERVICE), PUT: constant(SERVICE) } }),
      network: { sameZone: constant(NET), crossZone: constant(NET), crossRegion: constant(NET), bandwidth: 1e12 },
      signals: { default: { target: 10_000, max: 60_000_000, concurrency: 1e6, hedges: 1 }, overrides: [], timeline: [] },
    }),
  });
  const w = sim.world;
  const namespace: NamespaceConfig = { ...w.workload.namespaces[0], valueSize: constant(1), ...options.namespace };
  return {
    ...sim,
    world: {
      ...w,
      workload: { ...w.workload, namespaces: [namespace], ...(options.closedLoop ? { closedLoop: options.closedLoop } : {}) },
      client: { ...w.client, perZone: options.perZone ?? 1, ...(options.retries ? { retries: options.retries } : {}) },
    },
  };
}

describe("closed-loop clients, against the interactive response-time law", () => {
  test("no contention, fixed service and think: each of N clients does n requests in n × (R + Z)", () => {
    // 7 closed-loop clients spread over 3 application instances (3, 2, 2); Z = 10 ms. Each request
    // takes R exactly: the last of 200 ends at 200 × (R + Z) = 2.24 s.
    const think = 10_000;
    const n = 200;
    const o = simulate(pool({ rate: 0, duration: 10_000_000, namespace: { mix: { GET: 0.5, PUT: 0.5, SCAN: 0 }, keys: { count: 1000, popularity: "uniform", zipfExponent: 0 } }, closedLoop: { clients: 7, operations: n, think: constant(think) }, perZone: 3 }), 1).outcome;
    expect(o.client.closedLoop).toEqual({ clients: 7, operations: 7 * n, finished: 7, finishS: (n * (R + think)) / 1e6 });
    expect(o.requests.total).toBe(7 * n);
    expect(o.requests.ok).toBe(7 * n);
  });

  test("exponential think: one client's finish time is n × (R + mean think), within 4 sd", () => {
    // The finish time is n·R + a sum of n exponential think times: mean n(R + Z), sd √n · Z.
    const think = 10_000;
    const n = 2000;
    const o = simulate(pool({ rate: 0, duration: 60_000_000, namespace: {}, closedLoop: { clients: 1, operations: n, think: { dist: "exponential", mean: think } } }), 1).outcome;
    const mean = (n * (R + think)) / 1e6;
    const sd = (Math.sqrt(n) * think) / 1e6;
    expect(o.client.closedLoop!.finished).toBe(1);
    expect(Math.abs(o.client.closedLoop!.finishS! - mean)).toBeLessThan(4 * sd);
    // Throughput X = N / (R + Z): requests over the finish time.
    expect(Math.abs(n / o.client.closedLoop!.finishS! - 1e6 / (R + think))).toBeLessThan((4 * sd * 1e6) / (R + think) / mean);
  });

  test("a run too short for the loops to finish reports no finish time", () => {
    const o = simulate(pool({ rate: 0, duration: 100_000, namespace: {}, closedLoop: { clients: 2, operations: 1000, think: constant(1000) } }), 1).outcome;
    expect(o.client.closedLoop!.finished).toBe(0);
    expect(o.client.closedLoop!.finishS).toBeNull();
  });
});

describe("compare-and-set under contention, against P(conflict) = 1 − e^(−λw)", () => {
  // Every request writes the one key, at Poisson rate 500/s; 2% are compare-and-set. A CAS try
  // reads the version when its GET reaches the node and writes when its PUT does, w = R = 1.2 ms
  // later (serve 1 ms, answer 100 µs, write 100 µs; no queue). A write that reaches the node in
  // between commits first, so the try conflicts with probability p = 1 − e^(−λw), λ the rate of
  // commits: the plain writes (Poisson, shifted by a constant) and the CAS that succeed (2% of the
  // load, nearly Poisson: their retries are spread over 10–100 ms, far wider than w, so two CAS
  // that conflicted together rarely meet again). Retries read afresh, each window disjoint from the
  // last: tries per success are geometric, 1/(1 − p) = e^(λw) (50 tries: p^50 ≈ 0, all succeed).
  const rate = 500;
  const share = 0.02;
  const w = R / 1e6;
  const p = 1 - Math.exp(-rate * w); // every CAS commits once: λ = rate
  const retries: RetryConfig = { maxAttempts: 50, baseFactor: 1, cap: 100_000, jitter: "full", retryOn: ["conflict"] };
  const run = (r: RetryConfig, duration: number) =>
    simulate(pool({ rate, duration, namespace: { mix: { GET: 0, PUT: 1, SCAN: 0 }, keys: { count: 1, popularity: "uniform", zipfExponent: 0 }, cas: { share } }, retries: r }), 3).outcome;

  test("conflict share and tries per success, within 4 sd", () => {
    const cas = run(retries, 1_000_000_000).client.cas!;
    // 1000 s: about 10 000 CAS requests and 18 000 tries: sd of the conflict share √(p(1 − p)/tries) ≈ 0.0037;
    // tries per success have variance p/(1 − p)² per request: sd ≈ √(p/n)/(1 − p) ≈ 0.012.
    expect(cas.requests).toBeGreaterThan(9000);
    expect(cas.succeeded).toBe(cas.requests);
    expect(Math.abs(cas.conflicts / cas.writes - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / cas.writes));
    expect(Math.abs(cas.attemptsPerSuccess - 1 / (1 - p))).toBeLessThan((4 * Math.sqrt(p / cas.requests)) / (1 - p));
    expect(cas.tries).toBe(cas.writes); // every version read answered
    expect(cas.callsPerSuccess).toBeCloseTo(2 * cas.attemptsPerSuccess, 4);
  });

  test("without conflict in retryOn (the default classes), a conflicting CAS fails: success 1 − p", () => {
    const o = run({ ...retries, retryOn: ["timeout", "throttled", "overloaded", "unavailable"] }, 500_000_000);
    const cas = o.client.cas!;
    // Only the CAS that succeed commit: λ = rate·(1 − share) + rate·share·(1 − p), a fixed point.
    let q = p;
    for (let i = 0; i < 50; i++) q = 1 - Math.exp(-(rate * (1 - share) + rate * share * (1 - q)) * w);
    expect(cas.tries).toBe(cas.requests);
    expect(Math.abs(cas.succeeded / cas.requests - (1 - q))).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / cas.requests));
    expect(o.requests.failed).toBe(cas.requests - cas.succeeded); // a conflict is counted as failed
  });
});
