import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import { HedgeDelayPolicy } from "../../../src/model/client/hedge-delay-policy.js";
import type { HedgeDelaySpec } from "../../../src/model/config.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { World } from "../../../src/model/world.js";
import { clusterConfig, constant, nodeConfig, tinySimulation } from "../tiny-world.js";

describe("HedgeDelayPolicy", () => {
  test("fixed: the delay whatever the target and the latencies", () => {
    const p = new HedgeDelayPolicy({ fixed: 5_000 }, 1, 20);
    p.record(0, 1_000_000);
    expect([p.delay(0, 10_000), p.delay(0, 1)]).toEqual([5_000, 5_000]);
  });

  test("percentile: the target until minSamples are in, then p95 of 1..128 ms (the 122nd), up to 3.2 % above", () => {
    const p = new HedgeDelayPolicy({ percentile: 95 }, 2, 20);
    for (let ms = 1; ms <= 19; ms++) p.record(1, ms * 1000);
    expect(p.delay(1, 10_000)).toBe(10_000);
    for (let ms = 20; ms <= 128; ms++) p.record(1, ms * 1000); // recomputed at the 128th sample
    const delay = p.delay(1, 10_000);
    expect(delay >= 122_000 && delay <= 1.032 * 122_000).toBe(true);
    expect(p.delay(0, 10_000)).toBe(10_000); // another (namespace, op) has no samples
  });

  test("refuses a percentile outside (0, 100)", () => {
    expect(() => new HedgeDelayPolicy({ percentile: 100 }, 1, 0)).toThrow(RangeError);
  });
});

// Closed form: a bimodal server, service a = 1 ms with probability 1 − q, b = 20 ms with q = 5 %,
// no network time, no queueing; hedge once at a fixed d = 5 ms to another server (a fresh draw S₂).
// A request is a (1 − q); else min(b, d + S₂): d + a = 6 ms (q(1 − q) = 4.75 %) or b (q² = 0.25 %).
// Hedges per request: P(first not done by d) = q. So p50 = a, p99 = d + a, p999 = b.
const A = 1_000, B = 20_000, Q = 0.05, D = 5_000;

function run(delay: HedgeDelaySpec, seed = 9) {
  const disk = { dist: "mixture" as const, components: [{ ...constant(A), weight: 1 - Q }, { ...constant(B), weight: Q }] };
  const node = nodeConfig({ concurrency: 1000, queueLimit: 1000, disk, cpu: { GET: constant(0) } });
  const network = { sameZone: constant(0), crossZone: constant(0), crossRegion: constant(0), bandwidth: 1e15 };
  const base = tinySimulation({ duration: seconds(100), cluster: clusterConfig({ mode: "pool", node, network }) }).world;
  const ns = { ...base.workload.namespaces[0], mix: { GET: 1, PUT: 0, SCAN: 0 } };
  const hedging = { minSamples: 20, halfLife: 100, delay };
  const config = { ...base, workload: { ...base.workload, namespaces: [ns] }, client: { ...base.client, hedging } };
  const latencies: number[] = [];
  const world = new World(config, seed, { requests: { onRequestDone: (r, l) => r.outcome === Outcome.OK && latencies.push(l) } });
  world.run();
  const hedges = world.clients.reduce((a, c) => a + c.stats.hedges, 0);
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.ceil(q * latencies.length) - 1];
  const share = (v: number) => latencies.filter((l) => Math.abs(l - v) <= 5).length / latencies.length;
  return { n: latencies.length, hedgeShare: hedges / latencies.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), share, delays: world.clients[0].stats };
}

/** Within 4.5 binomial standard errors of `share` over `n`. */
const near = (measured: number, share: number, n: number) => expect(Math.abs(measured - share)).toBeLessThan(4.5 * Math.sqrt((share * (1 - share)) / n));

describe("a fixed-delay hedge on a bimodal server (closed form)", () => {
  const r = run({ fixed: D });

  test("hedges per request = q; latency a, d + a, b with 1 − q, q(1 − q), q²", () => {
    near(r.hedgeShare, Q, r.n);
    near(r.share(A), 1 - Q, r.n);
    near(r.share(D + A), Q * (1 - Q), r.n);
    near(r.share(B), Q * Q, r.n);
  });

  test("p50 = a, p99 = d + a, p999 = b (within 5 µs)", () => {
    expect([r.p50, r.p99, r.p999].map((v, i) => Math.abs(v - [A, D + A, B][i]) <= 5)).toEqual([true, true, true]);
  });

  test("a p90 delay hedges just after the fast mode (a, up to 3.2 % more): again q hedges per request", () => {
    const p = run({ percentile: 90 });
    const delay = p.delays.hedgeDelaySum[0]! / p.delays.hedgeArmed[0]!;
    expect(delay > A && delay < 1.04 * A).toBe(true);
    near(p.hedgeShare, Q, p.n);
  });
});
