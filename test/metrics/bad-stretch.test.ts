import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms, seconds } from "../../src/engine/time.js";
import { BadStretch, subWindows } from "../../src/metrics/bad-stretch.js";
import { buildRunOutcome } from "../../src/experiment/outcome/run-outcome.js";
import type { OpSlo } from "../../src/metrics/slo.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request/codes.js";

const SLO: OpSlo[] = [
  { percentile: 90, latency: ms(5), errorRate: 0.1 },
  { percentile: 90, latency: ms(5), errorRate: 0.1 },
];

describe("subWindows", () => {
  test("about a second each, at least 10, at most 600", () => {
    expect(subWindows(seconds(10))).toBe(10);
    expect(subWindows(seconds(60))).toBe(60);
    expect(subWindows(seconds(3600))).toBe(600);
    expect(subWindows(ms(100))).toBe(10);
    expect(subWindows(seconds(10.5))).toBe(11);
  });
});

describe("BadStretch.locate", () => {
  /** A 10 s window, 100 requests a second of op 0; `failing(s)` failures in second s. */
  function window(failing: (s: number) => number, slow: (s: number) => number = () => 0) {
    const b = new BadStretch(seconds(10), 2);
    for (let s = 0; s < 10; s++) {
      for (let k = 0; k < 100; k++) {
        const failed = k < failing(s);
        b.add(seconds(s) + ms(10 * k), 0, failed, !failed && k < failing(s) + slow(s));
      }
    }
    return b;
  }

  test("from the first clearly bad sub-window's start to the last's end", () => {
    // Seconds 3–6 all failed.
    const b = window((s) => (s >= 3 && s <= 6 ? 100 : 0));
    expect(b.locate(seconds(20), seconds(30), [0], SLO)).toEqual({ from: seconds(23), until: seconds(27) });
  });

  test("slow successes clearly above the allowance place it too", () => {
    const b = window(() => 0, (s) => (s === 8 ? 50 : 0));
    expect(b.locate(0, seconds(10), [0], SLO)).toEqual({ from: seconds(8), until: seconds(9) });
  });

  test("failures spread thin give the window's own bounds", () => {
    // 15 % every second: above the 10 % allowance, but 15 ≤ 10 + 9 + 1 in each sub-window.
    const b = window(() => 15);
    expect(b.locate(seconds(10), seconds(20), [0], SLO)).toEqual({ from: seconds(10), until: seconds(20) });
  });

  test("only the violated ops are read", () => {
    const b = window((s) => (s === 2 ? 100 : 0));
    expect(b.locate(0, seconds(10), [1], SLO)).toEqual({ from: 0, until: seconds(10) });
  });

  test("a partial window: the end is never past the window's end", () => {
    const b = window((s) => (s === 9 ? 100 : 0));
    expect(b.locate(0, seconds(9.5), [0], SLO)).toEqual({ from: seconds(9), until: seconds(9.5) });
  });

  test("reset forgets the counts", () => {
    const b = window(() => 100);
    b.reset();
    expect(b.locate(0, seconds(10), [0], SLO)).toEqual({ from: 0, until: seconds(10) });
  });
});

describe("episode bounds located to about a second", () => {
  /**
   * 10 s windows, 100 GETs a second spread evenly over 40 s; all fail from `from` to `until` s,
   * and one in `background` fails everywhere else.
   */
  function outage(from: number, until: number, background = 0) {
    const engine = new Engine();
    const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a"], regions: ["r"], zoneRegion: [0], clientZone: [0], ranges: 1 };
    const recorder = new WindowRecorder(engine, dims, { window: seconds(10), slo: SLO, mergeGap: seconds(10), minRequests: 10 });
    recorder.start();
    for (let i = 0; i < 4000; i++) {
      const at = ms(10 * i + 5);
      const failed = (at >= seconds(from) && at < seconds(until)) || (background > 0 && i % background === 0);
      engine.scheduleAt(at, () => recorder.onRequestDone({ op: 0, namespace: 0, outcome: failed ? Outcome.FAILED : Outcome.OK, client: 0, range: 0 }, ms(1)));
    }
    engine.run({ until: seconds(40) });
    recorder.finish();
    return buildRunOutcome(recorder, seconds(40)).episodes.list;
  }

  test("a 14 s outage across two 10 s windows reads as 14 s, not 20", () => {
    const list = outage(13.4, 27.4);
    expect(list).toHaveLength(1);
    const [e] = list;
    expect(Math.abs(e.startS - 13.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(e.endS - 27.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(e.durationS - 14)).toBeLessThanOrEqual(1);
    expect(e.ongoing).toBe(false);
  });

  test("background failures at half the allowance do not move the start", () => {
    const [quiet] = outage(13, 27);
    const [noisy] = outage(13, 27, 20); // 1 in 20 = 5 % everywhere
    expect(quiet.startS).toBe(13);
    expect(quiet.endS).toBe(27);
    expect([noisy.startS, noisy.endS]).toEqual([13, 27]);
  });
});
