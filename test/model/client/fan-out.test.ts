import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import type { FanOutConfig } from "../../../src/model/config.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { World } from "../../../src/model/world.js";
import { clusterConfig, constant, nodeConfig, tinySimulation } from "../tiny-world.js";

// Known answer: each single read is slow (a 20 ms disk read instead of 300 µs) with probability
// p = 5 %, independently. A read of k keys waiting for all is slow when any part is:
// 1 − (1 − p)^k; waiting for m of k, when more than k − m parts are slow.
const P = 0.05;
const SLOW = 10_000; // µs: a fast read takes under 5 ms, a slow one over 20 ms

/** GETs only at 200/s for 60 s, pool mode (one service per read: one disk draw), no queueing; latencies of the reads the metrics see. */
function run(fanOut: FanOutConfig | undefined, seed = 5) {
  const disk = { dist: "mixture" as const, components: [{ ...constant(300), weight: 1 - P }, { ...constant(20_000), weight: P }] };
  const base = tinySimulation({ consistency: "ONE", duration: seconds(60), cluster: clusterConfig({ mode: "pool", node: nodeConfig({ concurrency: 1000, queueLimit: 1000, disk }) }) }).world;
  const ns = { ...base.workload.namespaces[0], mix: { GET: 1, PUT: 0, SCAN: 0 }, ...(fanOut ? { fanOut } : {}) };
  const config = { ...base, workload: { ...base.workload, namespaces: [ns] } };
  const latencies: number[] = [];
  let failed = 0;
  const world = new World(config, seed, {
    requests: { onRequestDone: (r, latency) => (r.outcome === Outcome.OK ? latencies.push(latency) : failed++) },
  });
  world.run();
  const stats = world.clients.map((c) => c.stats);
  const sum = (f: (s: (typeof stats)[number]) => number) => stats.reduce((a, s) => a + f(s), 0);
  return { latencies, failed, slowShare: latencies.filter((l) => l > SLOW).length / latencies.length, parts: sum((s) => s.fanOutParts), reads: sum((s) => s.fanOuts), cancelled: sum((s) => s.fanOutPartsCancelled) };
}

/** Within 4.5 binomial standard errors of `share` over `n` reads. */
const near = (measured: number, share: number, n: number) => expect(Math.abs(measured - share)).toBeLessThan(4.5 * Math.sqrt((share * (1 - share)) / n));

describe("fan-out reads (multi-get)", () => {
  test("single reads: the slow share is p", () => {
    const r = run(undefined);
    near(r.slowShare, P, r.latencies.length);
    expect([r.parts, r.reads]).toEqual([0, 0]);
  });

  test("4 keys, all awaited: slow share 1 − (1 − p)^4 = 18.55 %; one read per 4 parts", () => {
    const r = run({ keys: 4, waitFor: 4 });
    near(r.slowShare, 1 - (1 - P) ** 4, r.latencies.length);
    expect(r.failed).toBe(0);
    expect(r.parts).toBe(4 * r.reads);
    expect(r.reads - r.latencies.length).toBeLessThan(5); // a few still in flight at the end
    expect(r.cancelled).toBe(0);
  });

  test("16 keys: 1 − (1 − p)^16 = 56 %", () => {
    const r = run({ keys: 16, waitFor: 16 });
    near(r.slowShare, 1 - (1 - P) ** 16, r.latencies.length);
  });

  test("3 of 4: slow only when 2 or more parts are slow, 1 − (1 − p)^4 − 4p(1 − p)^3 = 1.40 %; the slow part is ended", () => {
    const r = run({ keys: 4, waitFor: 3 });
    near(r.slowShare, 1 - (1 - P) ** 4 - 4 * P * (1 - P) ** 3, r.latencies.length);
    // Each read ends its one remaining part unless all 4 came back together.
    expect(r.cancelled).toBeGreaterThan(0.95 * r.reads);
    expect(r.cancelled).toBeLessThanOrEqual(r.reads);
  });
});
