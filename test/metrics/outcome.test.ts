import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms, seconds } from "../../src/engine/time.js";
import { buildOutcome } from "../../src/metrics/outcome.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request.js";

/**
 * Ten 1 s windows of 10 GETs each (1 ms, client 0, range 0); in windows `bad`, 5 of the 10 fail
 * (client 1, range 1). SLO: p99 ≤ 5 ms, ≤ 1 % errors; gaps up to 1 s merge.
 */
function run(bad: readonly number[], faults: ReadonlyArray<[number, string, "start" | "end"]> = [], duration = seconds(10)) {
  const engine = new Engine();
  const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a", "b"], regions: ["r"], zoneRegion: [0, 0], clientZone: [0, 1], ranges: 4 };
  const slo = { percentile: 99, latency: ms(5), errorRate: 0.01 };
  const recorder = new WindowRecorder(engine, dims, { window: seconds(1), slo: [slo, slo], mergeGap: seconds(1), minRequests: 5 });
  recorder.start();
  for (let i = 0; i * seconds(1) < duration; i++) {
    engine.scheduleAt(seconds(i) + ms(500), () => {
      const failed = bad.includes(i) ? 5 : 0;
      for (let k = 0; k < 10; k++) {
        const f = k < failed;
        recorder.onRequestDone({ op: 0, namespace: 0, outcome: f ? Outcome.FAILED : Outcome.OK, client: f ? 1 : 0, range: f ? 1 : 0 }, ms(1));
      }
    });
  }
  for (const [at, target, phase] of faults) engine.scheduleAt(at, () => recorder.onFault({ kind: "crash", target, phase }));
  engine.run({ until: duration });
  recorder.finish();
  return buildOutcome(recorder, duration);
}

describe("buildOutcome", () => {
  // Episodes: windows 2–3 ([2, 4] s), window 6 ([6, 7] s) and window 9, still violating at 10 s
  // (the gaps 4–5 and 7–8 last 2 s, more than the 1 s merge gap).
  const faults: Array<[number, string, "start" | "end"]> = [
    [seconds(2.5), "zone a", "start"],
    [seconds(3.5), "zone a", "end"],
    [seconds(8.5), "node b/0", "start"],
  ];
  const o = run([2, 3, 6, 9], faults);

  test("episodes: start, end, duration and whether they recovered", () => {
    expect(o.episodes.count).toBe(3);
    expect(o.episodes.list.map((e) => [e.startS, e.endS, e.durationS, e.ongoing])).toEqual([
      [2, 4, 2, false],
      [6, 7, 1, false],
      [9, 10, 1, true],
    ]);
    expect(o.violatingWindows).toBe(4);
    expect(o.windows).toBe(10);
  });

  test("recovery mean, median and max over the episodes' durations", () => {
    expect(o.recoveryS).toEqual({ mean: 1.33333, p50: 1, max: 2 });
  });

  test("failure frequency: 3 episodes in 10 s is 3 · 8640 per day", () => {
    expect(o.durationS).toBe(10);
    expect(o.failureFrequencyPerDay).toBe(25_920);
  });

  test("availability and nines: 80 of 100 succeeded", () => {
    expect(o.requests).toEqual({ total: 100, ok: 80, failed: 20, timedOut: 0, shed: 0, unavailable: 0 });
    expect(o.availability).toBe(0.8);
    expect(o.nines).toBe(0.699); // −log10(0.2) = 0.69897
  });

  test("blast radius: half of each episode's requests failed, on 1 of 4 ranges, 1 of 2 clients", () => {
    const first = o.episodes.list[0];
    expect(first.requests).toBe(20);
    expect(first.blastRadius).toEqual({ requests: 0.5, failedRequests: 0.5, ranges: 0.25, clients: 0.5, zones: 0.5, regions: 1, tenants: 1 });
    expect(first.worstErrorRate).toBe(0.5);
    expect(o.blastRadius).toEqual({ meanRequests: 0.5, maxRequests: 0.5, ranges: 0.25, clients: 0.5, zones: 0.5, regions: 1, tenants: 1 });
  });

  test("each episode lists the faults active during it", () => {
    expect(o.episodes.list.map((e) => e.faults)).toEqual([["crash zone a"], [], ["crash node b/0"]]);
  });

  test("no failure: availability 1, no episode, nines at the resolution limit log10(requests)", () => {
    const clean = run([]);
    expect(clean.availability).toBe(1);
    expect(clean.nines).toBe(2);
    expect(clean.episodes.count).toBe(0);
    expect(clean.recoveryS).toEqual({ mean: 0, p50: 0, max: 0 });
    expect(clean.failureFrequencyPerDay).toBe(0);
    expect(clean.latencyMs.GET).toEqual({ p50: 1, p90: 1, p99: 1, p999: 1, mean: 1, max: 1 });
  });

  test("the median of an even number of durations is the mean of the middle two", () => {
    // Episodes of 1 s ([1, 2]) and 3 s ([5, 8]).
    const even = run([1, 5, 6, 7]);
    expect(even.episodes.list.map((e) => e.durationS)).toEqual([1, 3]);
    expect(even.recoveryS).toEqual({ mean: 2, p50: 2, max: 3 });
  });

  // Regression (fixed): faultsDuring keys active faults by "kind target", so two overlapping faults with the same
  // name (a timeline crash of node b/0 from 1 s to 9 s, and a random failure of the same node from
  // 2 s to 3 s) overwrite each other: the short one's end forgets the long one, and the episode
  // in [6, 7] s, while b/0 was still down, lists no fault at all.
  test("overlapping faults with the same name are both tracked", () => {
    const overlapping = run(
      [6],
      [
        [seconds(1), "node b/0", "start"],
        [seconds(2), "node b/0", "start"],
        [seconds(3), "node b/0", "end"],
        [seconds(9), "node b/0", "end"],
      ],
    );
    expect(overlapping.episodes.list.map((e) => e.faults)).toEqual([["crash node b/0"]]);
  });
});
