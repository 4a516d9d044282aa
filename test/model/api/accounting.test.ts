import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import type { ApiConfig, FaultEvent } from "../../../src/model/config.js";
import { World } from "../../../src/model/world.js";
import { constant, tinySimulation } from "../tiny-world.js";

// tinySimulation: one region, zones a, b, c × 1 node, RF 3, 3 clients, 50/50 GET/PUT, 100 ms max;
// hops 100 µs (same zone) / 1000 µs (cross zone); GET service 400 µs, PUT 500 µs.
const base = tinySimulation().world;
const TOKENS = (token: "none" | "client" | "regional" | "global"): NonNullable<ApiConfig["idempotency"]> => ({
  token,
  ttl: 60_000_000,
  regional: { latency: constant(1000), errorRate: 0 },
  global: { latency: constant(40_000), errorRate: 0 },
});

/**
 * Nodes pause for GC (30 ms every ~200 ms), clients hedge and retry an attempt unanswered after
 * 10 ms: late copies of writes are common, and they still apply on the replicas.
 */
function resend(api: ApiConfig, extra: { timeline?: FaultEvent[]; rate?: number } = {}) {
  return tinySimulation({
    rate: extra.rate ?? 400,
    duration: 20_000_000,
    timeline: extra.timeline,
    cluster: { node: { ...base.cluster.node, gc: { interval: { dist: "exponential", mean: 200_000 }, pause: constant(30_000) } } },
    world: {
      client: {
        ...base.client,
        hedging: { minSamples: 20, halfLife: 100 },
        retries: { maxAttempts: 3, baseFactor: 0.2, cap: 20_000, jitter: "full", attemptTimeout: 10_000, retryOn: ["timeout", "throttled", "overloaded", "unavailable"] },
      },
      api,
    },
  });
}

describe("every request ends in exactly one outcome", () => {
  const cases: Array<[string, ApiConfig]> = [
    ["tokens", { idempotency: TOKENS("regional") }],
    ["time series, fire and forget", { timeSeries: { namespaces: [0], mode: "fireAndForget", flushInterval: 50_000, readPages: 2, settle: 1_000_000 } }],
    ["time series, enqueued", { timeSeries: { namespaces: [0], mode: "enqueued", flushInterval: 50_000, readPages: 2, settle: 1_000_000 } }],
  ];
  test.each(cases)("%s, through hedges, retries and a crash", (_, api) => {
    const config = resend(api, { timeline: [{ kind: "nodeCrash", at: 5_000_000, for: 3_000_000, target: { node: "b/0" } }] }).world;
    const seen = new Map<number, number>();
    const world = new World(config, 3, {
      requests: { onRequestDone: (r) => seen.set((r as unknown as { id: number }).id, (seen.get((r as unknown as { id: number }).id) ?? 0) + 1) },
    });
    world.run();
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Ids are dense: each id issued is reported once, except those still in flight at the end
    // (issued in its last max = 100 ms, about 400/s × 0.1 s = 40 of them).
    expect(Math.max(...seen.keys())).toBeLessThan(world.requestsIssued);
    const unreported = world.requestsIssued - seen.size;
    expect(unreported).toBeGreaterThanOrEqual(0);
    expect(unreported).toBeLessThan(120);
  });
});

describe("with tokens, applied writes = distinct writes", () => {
  const none = simulate(resend({ idempotency: TOKENS("none") }), 5).outcome.writes!;
  const client = simulate(resend({ idempotency: TOKENS("client") }), 5).outcome.writes!;

  test("without tokens late copies apply again; applied = distinct + duplicates", () => {
    expect(none.duplicates).toBeGreaterThan(50);
    expect(none.applied).toBe(none.distinct + none.duplicates);
    expect(none.deduplicated).toBe(0);
  });

  test("with client tokens the same copies (same seed, same timing) are each recognised", () => {
    expect(client.duplicates).toBe(0);
    expect(client.applied).toBe(client.distinct);
    // Client tokens cost no time, so the run is the same run: what duplicated there is deduplicated here.
    expect(client.deduplicated).toBe(none.duplicates);
    expect(client.distinct).toBe(none.distinct);
    expect(client.tokenFetches).toBe(0);
    // The store's memory: at most the writes of one ttl (60 s > the run), so every distinct write.
    expect(client.tokensHeldPeak).toBe(client.distinct);
  });

  test("distinct writes ≤ writes issued: those never applied (timed out before any replica) are not counted", () => {
    expect(client.distinct).toBeLessThanOrEqual(client.issued);
    expect(client.distinct).toBeGreaterThan(0.99 * client.issued);
  });
});

describe("token services", () => {
  const healthy = (api: ApiConfig, timeline: FaultEvent[] = []) =>
    simulate(tinySimulation({ rate: 200, duration: 20_000_000, timeline, world: { api } }), 9).outcome;

  test("a global token costs its fetch on every write: the median PUT is 40 ms slower", () => {
    const client = healthy({ idempotency: TOKENS("client") });
    const global = healthy({ idempotency: TOKENS("global") });
    // The fetch (a constant 40 ms here) comes before the first attempt and adds to every write.
    expect(global.latencyMs.PUT.p50 - client.latencyMs.PUT.p50).toBeCloseTo(40, 0);
    expect(global.writes!.tokenFetches).toBe(global.writes!.issued);
    expect(global.availability).toBe(1);
  });

  test("a global service failing every fetch for 5 s fails the writes of those 5 s (Poisson, ±4.5 sd)", () => {
    const fault: FaultEvent = { kind: "tokenServiceDegradation", at: 5_000_000, for: 5_000_000, service: "global", factor: 1, share: 1 };
    const o = healthy({ idempotency: TOKENS("global") }, [fault]);
    // 200/s × 50% PUT × 5 s = 500 writes expected.
    expect(Math.abs(o.writes!.tokenFailures - 500)).toBeLessThanOrEqual(4.5 * Math.sqrt(500));
    expect(o.requests.failed).toBe(o.writes!.tokenFailures);
    // The regional service is another dependency: degrading it does not touch global tokens.
    const regionalFault: FaultEvent = { ...fault, service: "regional" };
    expect(healthy({ idempotency: TOKENS("global") }, [regionalFault]).availability).toBe(1);
  });
});

describe("time series: stored = sent − lost − failed − unsettled", () => {
  const ts = (mode: "fireAndForget" | "enqueued" | "durable") => {
    const config = resend(
      { timeSeries: { namespaces: [0], mode, flushInterval: 100_000, readPages: 1, settle: 1_000_000 } },
      { timeline: [{ kind: "nodeCrash", at: 5_000_000, for: 3_000_000, target: { node: "a/0" } }, { kind: "nodeCrash", at: 12_000_000, for: 2_000_000, target: { node: "c/0" } }] },
    );
    return simulate(config, 4).outcome;
  };
  const runs = { fireAndForget: ts("fireAndForget"), enqueued: ts("enqueued"), durable: ts("durable") };

  test.each(Object.keys(runs))("%s: every event sent is accounted for once", (mode) => {
    const e = runs[mode as keyof typeof runs].timeSeries!;
    expect(e.sent).toBe(e.stored + e.lost + e.failed + e.unsettled);
    expect(e.sent).toBeGreaterThan(3000);
    // Events are idempotent by contract: however often re-sent, each is stored once.
    expect(runs[mode as keyof typeof runs].writes!.duplicates).toBe(0);
    expect(runs[mode as keyof typeof runs].writes!.distinct).toBe(e.stored);
  });

  test("fire and forget never errors and answers at once; it loses what went to the dead node before detection", () => {
    const o = runs.fireAndForget;
    expect(o.timeSeries!.failed).toBe(0);
    expect(o.latencyMs.PUT.max).toBe(0);
    // Two crashes, each sending ~1/3 of 200 events/s into the void for the 2 s of detection.
    expect(o.timeSeries!.lost).toBeGreaterThan(100);
    expect(o.timeSeries!.lost).toBeGreaterThan(runs.enqueued.timeSeries!.lost);
  });

  test("enqueued loses exactly what crashed coordinators held; durable loses nothing acknowledged", () => {
    expect(runs.enqueued.timeSeries!.lost).toBe(runs.enqueued.timeSeries!.lostInQueues);
    expect(runs.durable.timeSeries!.lost).toBe(0);
    expect(runs.durable.timeSeries!.lostInQueues).toBe(0);
  });
});

describe("time-series reads come back as pages, one round trip each", () => {
  const reads = (readPages: number) =>
    simulate(
      tinySimulation({ duration: 20_000_000, world: { api: { timeSeries: { namespaces: [0], mode: "durable", flushInterval: 100_000, readPages, settle: 0 } } } }),
      2,
    ).outcome;

  test("three pages take three times as long as one (constant hops: mean 3.8 ms per page)", () => {
    // One page: 2 × (100/3 + 2000/3) + 2000 + 400 = 3800 µs on average; three pages in a row 11 400 µs.
    // sd of three pages ≈ 1.5 ms, ~2000 reads: ±5 sd of the mean ≈ ±0.17 ms.
    const one = reads(1);
    const three = reads(3);
    expect(Math.abs(one.latencyMs.GET.mean - 3.8)).toBeLessThan(0.17);
    expect(Math.abs(three.latencyMs.GET.mean - 11.4)).toBeLessThan(0.17);
    // Two extra pages per read answered, plus those of reads still going at the end.
    const answered = three.requests.total - three.timeSeries!.sent;
    expect(three.timeSeries!.extraPages).toBeGreaterThanOrEqual(2 * answered);
    expect(three.timeSeries!.extraPages).toBeLessThanOrEqual(2 * answered + 10);
  });
});

describe("determinism", () => {
  test("the same scenario and seed give the same writes, events and event fingerprint", () => {
    const config = resend(
      { idempotency: TOKENS("regional"), timeSeries: { namespaces: [0], mode: "enqueued", flushInterval: 50_000, readPages: 2, settle: 1_000_000 } },
      { timeline: [{ kind: "nodeCrash", at: 5_000_000, for: 3_000_000, target: { node: "b/0" } }] },
    );
    const a = simulate(config, 8);
    const b = simulate(config, 8);
    expect(b.outcome.writes).toEqual(a.outcome.writes);
    expect(b.outcome.timeSeries).toEqual(a.outcome.timeSeries);
    expect(b.engine.fingerprint).toBe(a.engine.fingerprint);
  });
});
