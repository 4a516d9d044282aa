import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { ClientStats } from "../../../src/model/client/client-stats.js";
import { Hedger } from "../../../src/model/client/hedger.js";
import type { ClientRequest } from "../../../src/model/request/request.js";
import { open, request } from "./client-pieces.js";

/** A hedger on 2 nodes whose host logs the instants it hedges; node candidates as given. */
function setup(limiter?: { whenFull: "skip" | "wait" }, candidates: number[] = [0, 1]) {
  const engine = new Engine();
  const stats = new ClientStats();
  const hedged: number[] = [];
  const host = { hedgeCandidates: () => candidates, sendHedge: (r: ClientRequest) => (hedged.push(engine.now), r.pending.add(r as never)) };
  const hedger = new Hedger(engine, { minSamples: 2, halfLife: 1e9, limiter }, 1, 2, stats, host, open);
  return { engine, stats, hedged, hedger };
}

describe("Hedger", () => {
  test("hedges at the target while fewer than minSamples latencies are in", () => {
    const { engine, hedged, hedger } = setup();
    const r = request(engine);
    r.pending.add(r as never); // one attempt in flight
    hedger.arm(r);
    engine.run();
    expect(hedged).toEqual([10_000]);
  });

  test("hedges at target − average once the average is trusted: 10 ms − 4 ms = 6 ms", () => {
    const { engine, hedged, hedger } = setup();
    hedger.recordLatency(0, 0, 4_000);
    hedger.recordLatency(0, 0, 4_000);
    const r = request(engine);
    r.pending.add(r as never);
    hedger.arm(r);
    engine.run();
    expect(hedged).toEqual([6_000]);
  });

  test("does not hedge when the average is at or above the target, and counts it", () => {
    const { engine, stats, hedged, hedger } = setup();
    for (let i = 0; i < 2; i++) hedger.recordLatency(0, 0, 12_000);
    hedger.arm(request(engine));
    engine.run();
    expect([hedged.length, stats.hedgeAboveTarget[0]]).toEqual([0, 1]);
  });

  test("a request answered before its hedge timer fires is not hedged", () => {
    const { engine, hedged, hedger } = setup();
    const r = request(engine);
    hedger.arm(r); // no attempt pending: it was answered
    engine.run();
    expect(hedged).toEqual([]);
  });

  test("with a skipping limiter and only the first attempt's node free, the hedge is skipped", () => {
    const { engine, stats, hedged, hedger } = setup({ whenFull: "skip" }, [0]);
    const r = request(engine);
    r.pending.add(r as never);
    r.lastNode = 0;
    hedger.arm(r);
    engine.run();
    expect([hedged.length, stats.hedgesLimited]).toEqual([0, 1]);
  });

  test("with a waiting limiter, a full hedge goes out when a hedge slot is released", () => {
    const free: number[] = [];
    const { engine, stats, hedged, hedger } = setup({ whenFull: "wait" }, free);
    const r = request(engine);
    r.pending.add(r as never);
    hedger.sent(1);
    hedger.arm(r);
    engine.run(); // at 10 ms every server is full: the hedge waits
    engine.schedule(5_000, () => (free.push(1), hedger.released(1)));
    engine.run();
    expect([hedged, stats.hedgesWaited]).toEqual([[15_000], 1]);
  });
});
