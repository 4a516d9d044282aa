import { describe, expect, test } from "vitest";
import { seconds } from "../../src/engine/time.js";
import type { OpJudge } from "../../src/metrics/entity-counts.js";
import { entitySet, EpisodeDetector, type BreadthShape, type EntitySet, type WindowVerdict } from "../../src/metrics/episode-detector.js";

const GET = 0;
const PUT = 1;

/** Two ops, 4 ranges, 2 clients in zones 0 and 1 of region 0; no server watched. */
const SHAPE: BreadthShape = {
  ops: 2,
  sizes: { ranges: 4, clients: 2, zones: 2, regions: 1, tenants: 1 },
  clientZones: [true, true],
  clientRegions: [true],
  nodeZone: [],
  zoneRegion: [0, 0],
};

/** GET: p90 ≤ 1 ms, ≤ 10 % errors; PUT: p90 ≤ 1 ms, no error allowed; 10 requests judge each. */
const JUDGES: OpJudge[] = [
  { slo: { percentile: 90, latency: 1000, errorRate: 0.1 }, need: 10 },
  { slo: { percentile: 90, latency: 1000, errorRate: 0 }, need: 10 },
];

type Cells = ReadonlyArray<readonly [number, number, number]>;

/** Per-entity counts of one window: per range [total, failed, slow] of `op` (other dimensions empty). */
function entities(ranges: Cells = [], op = GET, shape = SHAPE): EntitySet {
  const set = entitySet(shape);
  ranges.forEach(([total, failed, slow], i) => {
    for (let k = 0; k < total; k++) set.ranges.add(i, op, k < failed, k >= failed && k < failed + slow);
  });
  return set;
}

/** The verdict of the 1 s window [i, i + 1) s; a bad stretch defaults to the whole window. */
function verdict(i: number, v: Partial<WindowVerdict> = {}): WindowVerdict {
  return { judged: true, start: seconds(i), end: seconds(i + 1), violatedOps: [], requests: 0, failed: 0, slow: 0, badFrom: seconds(i), badUntil: seconds(i + 1), ...v };
}

const detector = (shape = SHAPE) => new EpisodeDetector(shape, { mergeGap: seconds(2), judges: JUDGES });

/** 1 s windows merged across gaps up to 2 s; each window 10 requests, a violating one with 5 failed. */
function detect(violating: readonly number[], windows: number, lastViolated = violating.includes(windows - 1), end?: number) {
  const d = detector();
  for (let i = 0; i < windows; i++) {
    const bad = violating.includes(i);
    d.onWindow(verdict(i, { violatedOps: bad ? ["GET"] : [], requests: 10, failed: bad ? 5 : 0 }), entities(), new Uint8Array(0));
  }
  d.finish(lastViolated, end);
  return d.episodes.map((e) => [e.start / 1e6, e.end / 1e6, e.requests, e.failed, e.ongoing]);
}

describe("EpisodeDetector: which windows make an episode", () => {
  test("no violation, no episode", () => {
    expect(detect([], 10)).toEqual([]);
  });

  test("adjacent violating windows are one episode, from the first's start to the last's end", () => {
    expect(detect([2, 3], 8)).toEqual([[2, 4, 20, 10, false]]);
  });

  test("a gap of at most mergeGap is merged, its requests counted in", () => {
    expect(detect([2, 4], 8)).toEqual([[2, 5, 30, 10, false]]); // 1 s gap
    expect(detect([2, 5], 8)).toEqual([[2, 6, 40, 10, false]]); // 2 s gap = mergeGap
  });

  test("a larger gap splits the episodes", () => {
    expect(detect([2, 6], 10)).toEqual([
      [2, 3, 10, 5, false],
      [6, 7, 10, 5, false],
    ]);
  });

  test("an episode still violating at the end is ongoing, and lasts to the end given", () => {
    expect(detect([1, 8, 9], 10)).toEqual([
      [1, 2, 10, 5, false],
      [8, 10, 20, 10, true],
    ]);
    // The run ended at 12.5 s, after windows the caller did not pass as violating-or-not.
    expect(detect([8, 9], 10, true, seconds(12.5))).toEqual([[8, 12.5, 20, 10, true]]);
    // Not violating at the end: the end given does not stretch it.
    expect(detect([5], 7, false, seconds(7))).toEqual([[5, 6, 10, 5, false]]);
  });

  test("an episode in its trailing gap at the end is over, and the gap is not counted", () => {
    expect(detect([5], 7)).toEqual([[5, 6, 10, 5, false]]);
  });

  test("start and end come from the bad stretch inside the first and last windows", () => {
    const d = detector();
    d.onWindow(verdict(2, { violatedOps: ["GET"], badFrom: seconds(2.4) }), entities(), new Uint8Array(0));
    d.onWindow(verdict(3, { violatedOps: ["GET"], badUntil: seconds(3.6) }), entities(), new Uint8Array(0));
    d.onWindow(verdict(4), entities(), new Uint8Array(0));
    d.finish(false);
    expect(d.episodes.map((e) => [e.start, e.end])).toEqual([[seconds(2.4), seconds(3.6)]]);
  });

  test("unjudged windows (too few requests) neither end an episode nor count as healthy", () => {
    // Violating at 2; windows 3..4 unjudged; 5 violating again: 5 − 3 = 2 s ≤ mergeGap, one episode.
    const d = detector();
    const none = new Uint8Array(0);
    d.onWindow(verdict(2, { violatedOps: ["GET"], requests: 10, failed: 10 }), entities(), none);
    d.onWindow(verdict(3, { judged: false, requests: 3 }), entities(), none);
    d.onWindow(verdict(4, { judged: false, requests: 3 }), entities(), none);
    d.onWindow(verdict(5, { violatedOps: ["GET"], requests: 10, failed: 10 }), entities(), none);
    // The run ends in unjudged windows 6..9 (the last judged one violated): ongoing to 10 s.
    for (let i = 6; i < 10; i++) d.onWindow(verdict(i, { judged: false }), entities(), none);
    d.finish(true, seconds(10));
    expect(d.episodes.map((e) => [e.start / 1e6, e.end / 1e6, e.requests, e.ongoing])).toEqual([[2, 10, 26, true]]);
  });

  test("violated ops are the sorted union; worstErrorRate the worst violating window", () => {
    const d = detector();
    const w = (i: number, ops: string[], requests: number, failed: number) =>
      d.onWindow(verdict(i, { violatedOps: ops, requests, failed }), entities(), new Uint8Array(0));
    w(0, ["PUT"], 10, 2);
    w(1, [], 10, 9); // a non-violating window does not count for worstErrorRate
    w(2, ["GET"], 20, 10);
    w(3, ["PUT", "GET"], 0, 0);
    d.finish(true);
    expect(d.episodes).toHaveLength(1);
    expect(d.episodes[0].violatedOps).toEqual(["GET", "PUT"]);
    expect(d.episodes[0].worstErrorRate).toBe(0.5);
    expect(d.episodes[0].failed).toBe(2 + 9 + 10);
  });

  test("one judge per op is required", () => {
    expect(() => new EpisodeDetector(SHAPE, { mergeGap: 0, judges: JUDGES.slice(0, 1) })).toThrow(RangeError);
  });
});

describe("EpisodeDetector: seen breadth", () => {
  const none = new Uint8Array(0);
  const feed = (d: EpisodeDetector, i: number, bad: boolean, ranges: Cells, op = GET) =>
    d.onWindow(verdict(i, { violatedOps: bad ? ["GET"] : [] }), entities(ranges, op), none);

  test("an entity is touched when its own failures or slow successes of an op are clearly above the allowance", () => {
    const d = detector();
    // Clearly above 10 % of 10: more than 1 + 3·0.949 + 1 = 4.85. Range 0: 5 of 10 failed, touched;
    // range 1: 4 of 10, not; range 2: 8 slow of 20 successes (> 2 + 4.02 + 1 = 7.02), touched;
    // range 3: no request.
    feed(d, 0, true, [[10, 5, 0], [10, 4, 0], [20, 0, 8], [0, 0, 0]]);
    d.finish(true);
    const { seen } = d.episodes[0];
    expect(seen.ranges).toEqual({ touched: 2, of: 4, traffic: 30 / 40 });
    expect(seen.clients).toEqual({ touched: 0, of: 2, traffic: 0 });
    expect(seen.zones).toEqual({ touched: 0, of: 2, traffic: 0 });
    expect(seen.regions).toEqual({ touched: 0, of: 1, traffic: 0 });
    expect(seen.tenants).toEqual({ touched: 0, of: 1, traffic: 0 });
  });

  test("per op: 2 GET failures in 20 do not touch a range though PUT allows no error (no PUT traffic)", () => {
    const d = detector();
    const set = entities([[20, 2, 0]]); // range 0: GETs only, at GET's 10 %
    for (let k = 0; k < 10; k++) set.ranges.add(1, PUT, k < 2, false); // range 1: 2 PUT failures in 10 (> 0 + 1)
    d.onWindow(verdict(0, { violatedOps: ["PUT"] }), set, none);
    d.finish(false);
    expect(d.episodes[0].seen.ranges).toEqual({ touched: 1, of: 4, traffic: 10 / 30 });
  });

  test("a merged gap's requests dilute the shares; a trailing gap's do not count", () => {
    const d = detector();
    feed(d, 0, true, [[10, 6, 0]]); // range 0: 6 of 10, clearly above 10 % (> 4.85) on its own
    feed(d, 1, false, [[30, 0, 0]]); // merged gap: 6 of 40 is not (> 4 + 5.69 + 1 = 10.69)
    feed(d, 2, true, [[0, 0, 0], [10, 10, 0]]); // range 1: all failed
    feed(d, 3, false, [[0, 0, 0], [0, 0, 0], [0, 0, 0], [10, 10, 0]]); // trailing gap: range 3 ignored
    d.finish(false);
    expect(d.episodes[0].seen.ranges).toEqual({ touched: 1, of: 4, traffic: 10 / 50 });
    expect(d.episodes[0].requests).toBe(0); // the verdicts above carried no totals
  });

  test("counts do not leak from one episode into the next", () => {
    const d = detector();
    feed(d, 0, true, [[10, 10, 0]]);
    for (let i = 1; i <= 4; i++) feed(d, i, false, [[10, 0, 0]]);
    feed(d, 5, true, [[0, 0, 0], [10, 10, 0]]);
    d.finish(true);
    // Were range 0's 10 failures carried over, the second episode would touch 2 ranges.
    expect(d.episodes.map((e) => e.seen.ranges.touched)).toEqual([1, 1]);
    expect(d.episodes.map((e) => e.ongoing)).toEqual([false, true]);
  });
});

describe("EpisodeDetector: seen places with clients, and fault breadth", () => {
  // 6 zones with one node each; zones 0–2 in region 0, 3–5 in region 1. Clients only in zones 0 and 1.
  const shape: BreadthShape = {
    ops: 2,
    sizes: { ranges: 1, clients: 2, zones: 6, regions: 2, tenants: 1 },
    clientZones: [true, true, false, false, false, false],
    clientRegions: [true, false],
    nodeZone: [0, 1, 2, 3, 4, 5],
    zoneRegion: [0, 0, 0, 1, 1, 1],
  };
  const nodes = (...hit: number[]) => Uint8Array.from({ length: 6 }, (_, n) => (hit.includes(n) ? 1 : 0));
  const places = () => {
    const set = entitySet(shape);
    for (let k = 0; k < 10; k++) {
      set.zones.add(0, GET, true, false); // zone 0: 10 of 10 failed
      set.zones.add(1, GET, false, false);
      set.regions.add(0, GET, true, false); // region 0: 10 of 20 failed
      set.regions.add(0, GET, false, false);
    }
    return set;
  };

  test("seen zones and regions count only those with clients; fault: impaired nodes, their zones and regions", () => {
    const d = new EpisodeDetector(shape, { mergeGap: seconds(2), judges: JUDGES });
    d.onWindow(verdict(0, { violatedOps: ["GET"] }), places(), nodes(0));
    d.onWindow(verdict(1), entitySet(shape), nodes(3)); // trailing gap: node 3 is not counted
    d.finish(false);
    const [e] = d.episodes;
    expect(e.seen.zones).toEqual({ touched: 1, of: 2, traffic: 0.5 });
    expect(e.seen.regions).toEqual({ touched: 1, of: 1, traffic: 1 });
    expect(e.fault).toEqual({
      nodes: { touched: 1, of: 6 },
      zones: { touched: 1, of: 6 },
      regions: { touched: 1, of: 2 },
    });
  });

  test("nodes impaired in a merged gap count; the same node twice counts once", () => {
    const d = new EpisodeDetector(shape, { mergeGap: seconds(2), judges: JUDGES });
    d.onWindow(verdict(0, { violatedOps: ["GET"] }), entitySet(shape), nodes(0));
    d.onWindow(verdict(1), entitySet(shape), nodes(0, 3));
    d.onWindow(verdict(2, { violatedOps: ["GET"] }), entitySet(shape), nodes(1));
    d.finish(true);
    expect(d.episodes[0].fault).toEqual({
      nodes: { touched: 3, of: 6 },
      zones: { touched: 3, of: 6 },
      regions: { touched: 2, of: 2 },
    });
  });
});
