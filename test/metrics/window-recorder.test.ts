import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";
import { LatencyHistogram } from "../../src/metrics/latency-histogram.js";
import { judgeWindow, type MetricsConfig } from "../../src/metrics/slo.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request.js";

const GET = 0;
const PUT = 1;

/**
 * A recorder with 10 ms windows; GET: p99 ≤ 5 ms and ≤ 10 % errors; PUT: p50 ≤ 2 ms and no
 * error at all; a window judges an op only with ≥ 5 of its requests. Clients 0, 1 in zones a, b.
 */
function harness(overrides: Partial<MetricsConfig> = {}) {
  const engine = new Engine();
  const config: MetricsConfig = {
    window: ms(10),
    slo: [
      { percentile: 99, latency: ms(5), errorRate: 0.1 },
      { percentile: 50, latency: ms(2), errorRate: 0 },
    ],
    mergeGap: ms(10),
    minRequests: 5,
    ...overrides,
  };
  const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a", "b"], regions: ["r"], zoneRegion: [0, 0], clientZone: [0, 1], ranges: 4 };
  const recorder = new WindowRecorder(engine, dims, config);
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

describe("judgeWindow", () => {
  const slo = { percentile: 99, latency: 1000, errorRate: 0.1 };
  test("errors first, then latency; both limits are inclusive", () => {
    expect(judgeWindow(slo, 10, 1, 1000, 5)).toBeUndefined();
    expect(judgeWindow(slo, 10, 2, 1000, 5)).toBe("errors");
    expect(judgeWindow(slo, 10, 2, 5000, 5)).toBe("errors");
    expect(judgeWindow(slo, 10, 0, 1001, 5)).toBe("latency");
  });
  test("too few requests are not judged", () => {
    expect(judgeWindow(slo, 4, 4, 9999, 5)).toBeUndefined();
    expect(judgeWindow(slo, 0, 0, 0, 0)).toBeUndefined();
  });
});

describe("WindowRecorder", () => {
  test("windows are judged per op on error rate and latency", () => {
    const { recorder, done, end } = harness();
    done(ms(1), 10, GET, Outcome.OK, ms(1)); // [0, 10): fine
    done(ms(11), 8, GET, Outcome.OK, ms(1)); // [10, 20): 2/10 failed > 10 %
    done(ms(12), 2, GET, Outcome.FAILED, ms(1), 1);
    done(ms(21), 9, GET, Outcome.OK, ms(1)); // [20, 30): p99 of 10 is the max, 10 ms > 5 ms
    done(ms(22), 1, GET, Outcome.OK, ms(10));
    done(ms(31), 4, GET, Outcome.TIMED_OUT, ms(100)); // [30, 40): 4 GETs, too few to judge
    done(ms(32), 4, PUT, Outcome.OK, ms(1)); // ... but 1 PUT in 5 failed, allowed 0
    done(ms(33), 1, PUT, Outcome.SHED, ms(1));
    done(ms(41), 6, PUT, Outcome.OK, ms(3)); // [40, 50): PUT p50 3 ms > 2 ms
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
    expect(w[2].ops[GET].slow).toBe(1);
    expect(w[2].ops[GET].max).toBe(ms(10));
    expect(w[3].all.requests).toBe(9);
    expect(w[3].all.outcomes).toEqual([4, 0, 4, 1, 0]);
    expect(w[3].ops[GET].outcomes).toEqual([0, 0, 4, 0, 0]);
    // a failed request is not slow, however long it took
    expect(w[3].all.slow).toBe(0);
    expect(w[4].ops[PUT].slow).toBe(6);
    // The episode spans the four violating windows; it ended before the run did.
    expect(recorder.detector.episodes).toHaveLength(1);
    const e = recorder.detector.episodes[0];
    expect([e.start, e.end, e.requests, e.failed, e.slow, e.ongoing]).toEqual([ms(10), ms(50), 35, 7, 7, false]);
    expect(e.violatedOps).toEqual(["GET", "PUT"]);
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

  test("the run's statistics add up every window, per op and overall", () => {
    const { recorder, done, end } = harness();
    done(ms(1), 3, GET, Outcome.OK, 100);
    done(ms(15), 2, GET, Outcome.UNAVAILABLE, 0);
    done(ms(25), 4, PUT, Outcome.OK, 300);
    end(ms(30));
    expect(recorder.runStats(GET).outcomes).toEqual([3, 0, 0, 0, 2]);
    expect(recorder.runStats(PUT).outcomes).toEqual([4, 0, 0, 0, 0]);
    const all = recorder.runStats();
    expect(all.requests).toBe(9);
    expect(all.mean).toBeCloseTo((3 * 100 + 4 * 300) / 7, 9);
    expect(all.max).toBe(300);
    expect(all.p50).toBe(300); // rank 4 of 7 successes: 100, 100, 100, 300, ...
  });

  test("an episode still violating when the run ends is ongoing", () => {
    const { recorder, done, end } = harness();
    done(ms(25), 5, GET, Outcome.FAILED, 1);
    end(ms(30));
    expect(recorder.detector.episodes.map((e) => [e.start, e.end, e.ongoing])).toEqual([[ms(20), ms(30), true]]);
  });

  // Regression (fixed): a window with too few requests to judge counts as a healthy window. When the run ends
  // with a short partial window, an outage that is still total (every request in it failed) is
  // reported as recovered: ongoing = false. Same with simulate(): two of three zones down from
  // 10 s to the end, duration 30.05 s → the last window [30, 30.05) s has 8 requests, all
  // UNAVAILABLE, fewer than minRequests, and the episode [10, 30] s comes out with ongoing: false.
  test("an outage that lasts into a short, unjudged last window is still ongoing", () => {
    const { recorder, done, end } = harness();
    done(ms(25), 5, GET, Outcome.UNAVAILABLE, 0);
    done(ms(31), 2, GET, Outcome.UNAVAILABLE, 0);
    end(ms(32));
    expect(recorder.windows.map((w) => w.violatedOps)).toEqual([[], [], ["GET"], []]);
    expect(recorder.detector.episodes.map((e) => e.ongoing)).toEqual([true]);
  });

  test("the breadth allowances are the strictest SLO's", () => {
    // failAllowance = min(0.1, 0) = 0: one failure touches an entity; slowAllowance = min(1 %, 50 %).
    const { recorder, done, end } = harness();
    done(ms(1), 99, GET, Outcome.OK, 1, 0, 0);
    done(ms(1), 1, GET, Outcome.FAILED, 1, 1, 1); // client 1, range 1: 1 failure in 1
    done(ms(2), 10, GET, Outcome.OK, ms(10), 0, 2); // range 2: all slow → p99 violated
    end(ms(10));
    const [e] = recorder.detector.episodes;
    expect(e.touched.ranges).toEqual({ touched: 2, of: 4 });
    expect(e.touched.clients).toEqual({ touched: 2, of: 2 }); // client 0: 10/109 slow > 1 %
    expect(e.touched.zones).toEqual({ touched: 2, of: 2 });
    expect(e.touched.regions).toEqual({ touched: 1, of: 1 });
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
    // Three successes of both namespaces: 1, 2 and 4 ms; the failure is not a latency.
    expect(get.outcomes).toEqual([3, 1, 0, 0, 0]);
    const reference = new LatencyHistogram();
    for (const v of [ms(1), ms(4), ms(2)]) reference.record(v);
    expect([get.p50, get.p99, get.max, get.mean]).toEqual([reference.percentile(50), reference.percentile(99), ms(4), ms(7) / 3]);
    expect(get.p50).not.toBe(reference.percentile(0)); // the median, not the min: both namespaces count
    expect(recorder.runStats().p50).toBe(reference.percentile(50));
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
