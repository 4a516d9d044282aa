import { describe, expect, test } from "vitest";
import { seconds } from "../../src/engine/time.js";
import { EntityCounts } from "../../src/metrics/entity-counts.js";
import { EpisodeDetector, type EntitySet } from "../../src/metrics/episode-detector.js";

const SIZES = { ranges: 4, clients: 2, zones: 2, regions: 1, tenants: 1 };

/** Per-entity counts of one window: [total, failed, slow] per range (clients/zones/regions empty). */
function entities(ranges: ReadonlyArray<readonly [number, number, number]> = []): EntitySet {
  const set: EntitySet = {
    ranges: new EntityCounts(SIZES.ranges),
    clients: new EntityCounts(SIZES.clients),
    zones: new EntityCounts(SIZES.zones),
    regions: new EntityCounts(SIZES.regions),
    tenants: new EntityCounts(SIZES.tenants),
  };
  ranges.forEach(([total, failed, slow], i) => {
    for (let k = 0; k < total; k++) set.ranges.add(i, k < failed, k >= failed && k < failed + slow);
  });
  return set;
}

/** A detector with 1 s windows merged across gaps of up to 2 s; allowances 10 % failed, 1 % slow. */
function detect(violating: readonly number[], windows: number, lastViolated = violating.includes(windows - 1)) {
  const d = new EpisodeDetector(SIZES, { mergeGap: seconds(2), failAllowance: 0.1, slowAllowance: 0.01 });
  for (let i = 0; i < windows; i++) {
    const bad = violating.includes(i);
    d.onWindow(
      { start: seconds(i), end: seconds(i + 1), violatedOps: bad ? ["GET"] : [], requests: 10, failed: bad ? 5 : 0, slow: 0 },
      entities(),
    );
  }
  d.finish(lastViolated);
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

  test("an episode still violating at the end is ongoing", () => {
    expect(detect([1, 8, 9], 10)).toEqual([
      [1, 2, 10, 5, false],
      [8, 10, 20, 10, true],
    ]);
  });

  test("an episode in its trailing gap at the end is over, and the gap is not counted", () => {
    expect(detect([5], 7)).toEqual([[5, 6, 10, 5, false]]);
  });

  test("violated ops are the sorted union; worstErrorRate the worst violating window", () => {
    const d = new EpisodeDetector(SIZES, { mergeGap: seconds(2), failAllowance: 0.1, slowAllowance: 0.01 });
    const w = (i: number, ops: string[], requests: number, failed: number) =>
      d.onWindow({ start: seconds(i), end: seconds(i + 1), violatedOps: ops, requests, failed, slow: 0 }, entities());
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
});

describe("EpisodeDetector: breadth", () => {
  const feed = (d: EpisodeDetector, i: number, bad: boolean, ranges: ReadonlyArray<readonly [number, number, number]>) =>
    d.onWindow({ start: seconds(i), end: seconds(i + 1), violatedOps: bad ? ["GET"] : [], requests: 0, failed: 0, slow: 0 }, entities(ranges));
  const detector = () => new EpisodeDetector(SIZES, { mergeGap: seconds(2), failAllowance: 0.1, slowAllowance: 0.01 });

  test("an entity is touched when its failed share exceeds the allowance or its slow share does", () => {
    const d = detector();
    // range 0: 2/10 failed > 10 %; range 1: 1/10 failed = 10 %, not above; range 2: 2/100 slow > 1 %;
    // range 3: no request.
    feed(d, 0, true, [[10, 2, 0], [10, 1, 0], [100, 0, 2], [0, 0, 0]]);
    d.finish(true);
    expect(d.episodes[0].touched).toEqual({
      ranges: { touched: 2, of: 4 },
      clients: { touched: 0, of: 2 },
      zones: { touched: 0, of: 2 },
      regions: { touched: 0, of: 1 },
      tenants: { touched: 0, of: 1 },
    });
  });

  test("a merged gap's requests dilute the shares; a trailing gap's do not count", () => {
    const d = detector();
    feed(d, 0, true, [[5, 1, 0]]); // range 0: 1/5 = 20 % on its own
    feed(d, 1, false, [[15, 0, 0]]); // merged gap: range 0 → 1/20 = 5 %, no longer touched
    feed(d, 2, true, [[0, 0, 0], [10, 5, 0]]); // range 1: 50 %
    feed(d, 3, false, [[0, 0, 0], [0, 0, 0], [0, 0, 0], [10, 10, 0]]); // trailing gap: range 3 ignored
    d.finish(false);
    expect(d.episodes[0].touched.ranges).toEqual({ touched: 1, of: 4 });
    expect(d.episodes[0].requests).toBe(0); // the verdicts above carried no totals
  });

  test("counts do not leak from one episode into the next", () => {
    const d = detector();
    feed(d, 0, true, [[10, 10, 0]]);
    for (let i = 1; i <= 4; i++) feed(d, i, false, [[10, 0, 0]]);
    feed(d, 5, true, [[0, 0, 0], [10, 10, 0]]);
    d.finish(true);
    expect(d.episodes.map((e) => e.touched.ranges.touched)).toEqual([1, 1]);
    expect(d.episodes.map((e) => e.ongoing)).toEqual([false, true]);
  });
});

describe("EntityCounts", () => {
  test("a failure is never also counted slow; addAll and reset", () => {
    const a = new EntityCounts(2);
    a.add(0, true, true);
    a.add(0, false, true);
    a.add(1, false, false);
    expect([...a.total, ...a.failed, ...a.slow]).toEqual([2, 1, 1, 0, 1, 0]);
    const b = new EntityCounts(2);
    b.addAll(a);
    b.addAll(a);
    expect([...b.total]).toEqual([4, 2]);
    expect(b.touched(0.4, 1)).toBe(1);
    expect(b.touched(0.5, 1)).toBe(0);
    b.reset();
    expect([...b.total, ...b.failed, ...b.slow]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
