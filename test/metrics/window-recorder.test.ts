import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";
import { LatencyHistogram } from "../../src/metrics/latency-histogram.js";
import type { ServerSample, ServerWatch } from "../../src/metrics/server-watch.js";
import type { MetricsConfig } from "../../src/metrics/slo.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request/codes.js";

const GET = 0;
const PUT = 1;

/**
 * A recorder with 10 ms windows (ten 1 ms sub-windows); GET: p90 ≤ 5 ms and ≤ 10 % errors; PUT:
 * p50 ≤ 2 ms and no error at all; 10 requests of an op judge it. Clients 0, 1 in zones a, b of
 * region r.
 */
function harness(overrides: Partial<MetricsConfig> = {}, servers?: ServerWatch) {
  const engine = new Engine();
  const config: MetricsConfig = {
    window: ms(10),
    slo: [
      { percentile: 90, latency: ms(5), errorRate: 0.1 },
      { percentile: 50, latency: ms(2), errorRate: 0 },
    ],
    mergeGap: ms(10),
    minRequests: 10,
    ...overrides,
  };
  const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a", "b"], regions: ["r"], zoneRegion: [0, 0], clientZone: [0, 1], ranges: 4 };
  const recorder = new WindowRecorder(engine, dims, config, servers);
  recorder.start();
  /** `n` requests finishing at `at` µs. */
  const done = (at: number, n: number, op: number, outcome: Outcome, latency: number, client = 0, range = 0) =>
    engine.scheduleAt(at, () => {
      for (let i = 0; i < n; i++) recorder.onRequestDone({ op, namespace: 0, outcome, client, range }, latency);
    });
  const end = (at: number) => {
    engine.run({ until: at });
    recorder.finish();
  };
  return { engine, recorder, done, end };
}

describe("WindowRecorder", () => {
  test("the judging rule: minRequests of an op judge it", () => {
    expect(harness().recorder.judges.map((j) => j.need)).toEqual([10, 10]);
  });

  test("windows are judged per op on error rate and latency", () => {
    const { recorder, done, end } = harness();
    done(ms(1), 10, GET, Outcome.OK, ms(1)); // [0, 10): fine
    done(ms(11), 8, GET, Outcome.OK, ms(1)); // [10, 20): 2/10 failed > 10 %
    done(ms(12), 2, GET, Outcome.FAILED, ms(1), 1);
    done(ms(21), 8, GET, Outcome.OK, ms(1)); // [20, 30): 2 of 10 successes slower than 5 ms > 10 %
    done(ms(22), 2, GET, Outcome.OK, ms(10));
    done(ms(31), 4, GET, Outcome.TIMED_OUT, ms(100)); // [30, 40): 4 GETs, too few to judge
    done(ms(32), 9, PUT, Outcome.OK, ms(1)); // ... but 1 PUT in 10 failed, allowed 0
    done(ms(33), 1, PUT, Outcome.SHED, ms(1));
    done(ms(41), 10, PUT, Outcome.OK, ms(3)); // [40, 50): PUT p50 3 ms > 2 ms
    done(ms(51), 10, GET, Outcome.OK, ms(1)); // [50, 55): partial, fine
    end(ms(55));
    const w = recorder.windows;
    expect(w.map((r) => [r.start, r.end])).toEqual([
      [0, ms(10)],
      [ms(10), ms(20)],
      [ms(20), ms(30)],
      [ms(30), ms(40)],
      [ms(40), ms(50)],
      [ms(50), ms(55)],
    ]);
    expect(w.map((r) => r.violatedOps)).toEqual([[], ["GET"], ["GET"], ["PUT"], ["PUT"], []]);
    expect(w[1].zones).toEqual([
      [8, 0, 0],
      [2, 2, 0],
    ]);
    expect(w[1].regions).toEqual([[10, 2, 0]]);
    expect(w[2].ops[GET].slow).toBe(2);
    expect(w[2].ops[GET].success?.max).toBe(ms(10));
    expect(w[3].all.requests).toBe(14);
    expect(w[3].all.outcomes).toEqual([9, 0, 4, 1, 0]);
    expect(w[3].ops[GET].outcomes).toEqual([0, 0, 4, 0, 0]);
    // a failed request is not slow, however long it took
    expect(w[3].all.slow).toBe(0);
    expect(w[4].ops[PUT].slow).toBe(10);
    // The episode spans the four violating windows; it ended before the run did. Its bad
    // stretches are too thin to place inside a window (2 failures in a 1 ms sub-window is not
    // clearly above 10 %; 10 slow of 10 not clearly above 50 %), so it keeps the windows' bounds.
    expect(recorder.detector.episodes).toHaveLength(1);
    const e = recorder.detector.episodes[0];
    expect([e.start, e.end, e.requests, e.failed, e.slow, e.ongoing]).toEqual([ms(10), ms(50), 44, 7, 12, false]);
    expect(e.violatedOps).toEqual(["GET", "PUT"]);
  });

  test("a window where every request failed: success null, observed at the give-up latency", () => {
    const { recorder, done, end } = harness();
    done(ms(1), 10, GET, Outcome.TIMED_OUT, ms(100));
    done(ms(11), 10, GET, Outcome.OK, ms(1));
    end(ms(20));
    const [w0, w1] = recorder.windows;
    expect(w0.ops[GET].success).toBeNull();
    expect(w0.all.success).toBeNull();
    // 10 values of 100 ms: every percentile is clamped to the exact min = max.
    expect(w0.ops[GET].observed).toEqual({ p50: ms(100), p90: ms(100), p99: ms(100), p999: ms(100), mean: ms(100), max: ms(100) });
    expect(w0.ops[PUT].observed).toBeNull(); // no PUT at all
    expect(w1.ops[GET].success?.max).toBe(ms(1));
    expect(w1.ops[GET].observed?.max).toBe(ms(1));
  });

  test("a request finishing exactly at a window's end belongs to that window", () => {
    const { recorder, done, end } = harness();
    done(ms(10), 1, GET, Outcome.OK, 5);
    end(ms(20));
    expect(recorder.windows.map((r) => r.all.requests)).toEqual([1, 0]);
  });

  test("a run ending on a window boundary has no extra empty window", () => {
    const { recorder, end } = harness();
    end(ms(30));
    expect(recorder.windows).toHaveLength(3);
  });

  test("the run's statistics add up every window, per op and overall; observed counts failures", () => {
    const { recorder, done, end } = harness();
    done(ms(1), 3, GET, Outcome.OK, 100);
    done(ms(15), 2, GET, Outcome.UNAVAILABLE, 0);
    done(ms(25), 4, PUT, Outcome.OK, 200);
    end(ms(30));
    expect(recorder.runStats(GET).outcomes).toEqual([3, 0, 0, 0, 2]);
    expect(recorder.runStats(PUT).outcomes).toEqual([4, 0, 0, 0, 0]);
    const all = recorder.runStats();
    expect(all.requests).toBe(9);
    // Successes: 100 ×3, 200 ×4 → median (rank 4 of 7) 200, mean 1100/7.
    expect(all.success?.p50).toBe(200);
    expect(all.success?.mean).toBeCloseTo(1100 / 7, 9);
    // Observed: 0 ×2, 100 ×3, 200 ×4 → median (rank 5 of 9) 100, mean 1100/9, min-side 0.
    expect(all.observed?.p50).toBe(100);
    expect(all.observed?.mean).toBeCloseTo(1100 / 9, 9);
    expect(all.observed?.max).toBe(200);
  });

  test("an episode still violating when the run ends is ongoing, and lasts to the end", () => {
    const { recorder, done, end } = harness();
    done(ms(25), 10, GET, Outcome.FAILED, 1); // all in sub-window [25, 26) ms
    end(ms(30));
    expect(recorder.detector.episodes.map((e) => [e.start, e.end, e.ongoing])).toEqual([[ms(25), ms(30), true]]);
  });

  // Regression: a window with too few requests to judge must not count as a healthy one: an
  // outage lasting into a short, unjudged last window is still ongoing at the end.
  test("an outage that lasts into a short, unjudged last window is still ongoing", () => {
    const { recorder, done, end } = harness();
    done(ms(25), 10, GET, Outcome.UNAVAILABLE, 0);
    done(ms(31), 2, GET, Outcome.UNAVAILABLE, 0);
    end(ms(32));
    expect(recorder.windows.map((w) => w.violatedOps)).toEqual([[], [], ["GET"], []]);
    expect(recorder.detector.episodes.map((e) => [e.start, e.end, e.ongoing])).toEqual([[ms(25), ms(32), true]]);
  });

  test("breadth is judged per op: a GET-only range is not held to PUT's zero error allowance", () => {
    const { recorder, done, end } = harness();
    // client 0, range 0: 2 GET failures in 20, at GET's 10 % (PUT's zero allowance would break)
    done(ms(1), 18, GET, Outcome.OK, 1, 0, 0);
    done(ms(1), 2, GET, Outcome.FAILED, 1, 0, 0);
    done(ms(2), 8, PUT, Outcome.OK, 1, 1, 1); // client 1, range 1: 2 PUT failures in 10, clearly above 0
    done(ms(2), 2, PUT, Outcome.SHED, 1, 1, 1);
    end(ms(10));
    const [e] = recorder.detector.episodes;
    expect(e.violatedOps).toEqual(["PUT"]);
    expect(e.seen.ranges).toEqual({ touched: 1, of: 4, traffic: 10 / 30 });
    expect(e.seen.clients).toEqual({ touched: 1, of: 2, traffic: 10 / 30 });
    expect(e.seen.zones).toEqual({ touched: 1, of: 2, traffic: 10 / 30 });
    expect(e.seen.regions).toEqual({ touched: 1, of: 1, traffic: 1 });
    expect(e.fault.nodes).toEqual({ touched: 0, of: 0 }); // no server watch
  });

  test("a server watch gives the fault breadth: nodes impaired or shedding while it lasted", () => {
    // Node 0 in zone a, nodes 1 and 2 in zone b. Sampled at the start, then at each window's close.
    let samples = 0;
    const watch: ServerWatch = {
      nodeZone: [0, 1, 1],
      sample(into: ServerSample) {
        samples++;
        into.impaired.fill(0);
        into.received.fill(100);
        into.shed.fill(0);
        if (samples === 2) into.impaired[0] = 1; // closing window [0, 10): node 0 down
        if (samples === 3) into.shed[1] = 50; // closing window [10, 20): node 1 sheds half
        if (samples === 5) into.impaired[2] = 1; // [30, 40): after the episode, not counted
      },
    };
    const { recorder, done, end } = harness({}, watch);
    done(ms(5), 10, GET, Outcome.FAILED, 1);
    done(ms(15), 10, GET, Outcome.FAILED, 1);
    done(ms(25), 10, GET, Outcome.OK, 1);
    done(ms(35), 10, GET, Outcome.OK, 1);
    end(ms(40));
    expect(samples).toBe(5);
    const [e] = recorder.detector.episodes;
    expect(e.fault).toEqual({ nodes: { touched: 2, of: 3 }, zones: { touched: 2, of: 2 }, regions: { touched: 1, of: 1 } });
  });

  test("whole-run latency spans every namespace; zone and region counts are their clients' sums", () => {
    // Three clients: 0 in zone a (region r), 1 in zone b (region r), 2 in zone c (region s).
    const engine = new Engine();
    const dims = {
      ops: ["GET", "PUT"],
      namespaces: ["app", "batch"],
      outcomes: OUTCOME_NAMES,
      zones: ["a", "b", "c"],
      regions: ["r", "s"],
      zoneRegion: [0, 0, 1],
      clientZone: [0, 1, 2],
      ranges: 2,
    };
    const slo = { percentile: 50, latency: ms(3), errorRate: 0.5 };
    const recorder = new WindowRecorder(engine, dims, { window: ms(10), slo: [slo, slo], mergeGap: 0, minRequests: 1 });
    recorder.start();
    const finish = (namespace: number, client: number, outcome: Outcome, latency: number) =>
      recorder.onRequestDone({ op: GET, namespace, outcome, client, range: 0 }, latency);
    engine.scheduleAt(ms(1), () => {
      finish(0, 0, Outcome.OK, ms(1)); // app, zone a
      finish(1, 1, Outcome.OK, ms(4)); // batch, zone b: slow
      finish(1, 2, Outcome.OK, ms(2)); // batch, zone c
      finish(0, 2, Outcome.FAILED, ms(9)); // app, zone c
    });
    engine.run({ until: ms(10) });
    recorder.finish();
    const get = recorder.runStats(GET);
    // Three successes of both namespaces: 1, 2 and 4 ms; the failure only in `observed`.
    expect(get.outcomes).toEqual([3, 1, 0, 0, 0]);
    const reference = new LatencyHistogram();
    for (const v of [ms(1), ms(4), ms(2)]) reference.record(v);
    const s = get.success!;
    expect([s.p50, s.p99, s.max, s.mean]).toEqual([reference.percentile(50), ms(4), ms(4), ms(7) / 3]);
    expect(s.p50).not.toBe(ms(1)); // the median, not the min: both namespaces count
    expect([get.observed?.max, get.observed?.mean]).toEqual([ms(9), ms(16) / 4]);
    const w = recorder.windows[0];
    expect(w.zones).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [2, 1, 0],
    ]);
    expect(w.regions).toEqual([
      [2, 0, 1],
      [2, 1, 0],
    ]);
  });

  test("one SLO per op is required", () => {
    const engine = new Engine();
    const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a"], regions: ["r"], zoneRegion: [0], clientZone: [0], ranges: 1 };
    const config = { window: 10, slo: [{ percentile: 99, latency: 1, errorRate: 0 }], mergeGap: 0, minRequests: 1 };
    expect(() => new WindowRecorder(engine, dims, config)).toThrow(RangeError);
  });
});
