import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";
import type { MetricsConfig } from "../../src/metrics/slo.js";
import { WindowProbes } from "../../src/metrics/window-probes.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES } from "../../src/model/request/codes.js";

describe("WindowProbes", () => {
  test("a counter gives its growth, a gauge its value, a ratio one growth over another (0 over nothing)", () => {
    let a = 10;
    let b = 100;
    const probes = new WindowProbes();
    probes.add("a", () => a, "counter");
    probes.add("b", () => b, "gauge");
    probes.addRatio("a per b", () => a, () => b);
    a = 13;
    b = 106;
    expect(probes.close()).toEqual([3, 106, 0.5]);
    a = 20;
    expect(probes.close()).toEqual([7, 106, 0]);
    expect(probes.names).toEqual(["a", "b", "a per b"]);
  });
});

describe("ratio columns are measured over each window's own span", () => {
  /**
   * One slot busy all the time, 3 requests always waiting; 4 slots offered until 12 ms, then 2
   * (half the servers lost). Windows of 10 ms after a 5 ms warm-up; the run stops at 27 ms.
   */
  test("the first window after the warm-up, a capacity drop inside a window, a cut-short last window", () => {
    const engine = new Engine();
    const config: MetricsConfig = { window: ms(10), slo: [{ percentile: 99, latency: ms(5), errorRate: 0.1 }], mergeGap: ms(10), minRequests: 10, warmUp: ms(5) };
    const dims = { ops: ["GET"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a"], regions: ["r"], zoneRegion: [0], clientZone: [0], ranges: 1 };
    const recorder = new WindowRecorder(engine, dims, config);
    const slotTime = () => engine.now;
    const capacityTime = () => 4 * Math.min(engine.now, ms(12)) + 2 * Math.max(0, engine.now - ms(12));
    recorder.addRatioProbe("utilization", slotTime, capacityTime);
    recorder.addRatioProbe("queue_length", () => 3 * engine.now, () => engine.now);
    recorder.start();
    engine.run({ until: ms(27) });
    recorder.finish();
    expect(recorder.windows.map((w) => [w.start, w.end])).toEqual([
      [ms(5), ms(15)],
      [ms(15), ms(25)],
      [ms(25), ms(27)],
    ]);
    // [5, 15): 10 ms busy over 4 × 7 + 2 × 3 = 34 slot-ms offered (not 15 / (10 × 2) = 1.5, as
    // when the warm-up's busy time and the capacity at the window's end counted); then 1 of 2
    // slots, also in the 2 ms window at the end (not 2 / (10 × 2) = 0.1).
    expect(recorder.windows.map((w) => w.probes[0])).toEqual([10 / 34, 0.5, 0.5]);
    expect(recorder.windows.map((w) => w.probes[1])).toEqual([3, 3, 3]);
  });
});
