import { expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";
import type { MetricsConfig } from "../../src/metrics/slo.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request/codes.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

const GET = 0;

function recorderWith(warmUp: number) {
  const engine = new Engine();
  const config: MetricsConfig = { window: ms(10), slo: [{ percentile: 90, latency: ms(5), errorRate: 0.1 }], mergeGap: ms(10), minRequests: 10, warmUp };
  const dims = { ops: ["GET"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a"], regions: ["r"], zoneRegion: [0], clientZone: [0], ranges: 1 };
  const recorder = new WindowRecorder(engine, dims, config);
  let offered = 0;
  recorder.addProbe("offered", () => offered, "counter");
  recorder.start();
  const done = (at: number, n: number, outcome: Outcome) =>
    engine.scheduleAt(at, () => {
      for (let i = 0; i < n; i++) {
        offered++;
        recorder.onRequestDone({ op: GET, namespace: 0, outcome, client: 0, range: 0 }, ms(1));
      }
    });
  return { engine, recorder, done };
}

test("a warm-up leaves out the requests, windows and episodes before it, and the counters' growth during it", () => {
  const { engine, recorder, done } = recorderWith(ms(20));
  done(ms(5), 10, Outcome.TIMED_OUT); // inside the warm-up: an outage that must not count
  done(ms(15), 4, Outcome.OK); // still inside
  done(ms(25), 7, Outcome.OK);
  done(ms(35), 3, Outcome.OK);
  engine.run({ until: ms(40) });
  recorder.finish();
  expect(recorder.windows.map((w) => [w.start, w.end, w.all.requests])).toEqual([
    [ms(20), ms(30), 7],
    [ms(30), ms(40), 3],
  ]);
  expect(recorder.runStats().requests).toBe(10);
  expect(recorder.runStats().outcomes[Outcome.TIMED_OUT]).toBe(0);
  expect(recorder.detector.episodes).toHaveLength(0);
  expect(recorder.windows[0].probes[0]).toBe(7); // not 21: the warm-up's 14 are not this window's
});

test("without a warm-up the same requests make an episode in the first window", () => {
  const { engine, recorder, done } = recorderWith(0);
  done(ms(5), 10, Outcome.TIMED_OUT); // 10 requests judge GET: all failed
  done(ms(25), 10, Outcome.OK);
  engine.run({ until: ms(40) });
  recorder.finish();
  expect(recorder.windows[0].start).toBe(0);
  expect(recorder.windows.map((w) => w.violatedOps)).toEqual([["GET"], [], [], []]);
  // All 10 in the 1 ms sub-window [5, 6) ms: the episode is placed there.
  expect(recorder.detector.episodes.map((e) => [e.start, e.end, e.ongoing])).toEqual([[ms(5), ms(6), false]]);
});

test("warmUp must leave something to measure", () => {
  const yaml = (warmUp: string) => `
duration: 1m
warmUp: ${warmUp}
cluster:
  regions:
    - { name: r1, zones: [r1a, r1b, r1c], nodesPerZone: 1, replicationFactor: 3 }
workload: { rate: 100/s }
`;
  expect(() => loadScenarioText(yaml("2m"), "w.yaml")).toThrow(ScenarioError);
  expect(() => loadScenarioText(yaml("2m"), "w.yaml")).toThrow(/warmUp: must be shorter than duration/);
  expect(loadScenarioText(yaml("10s"), "w.yaml").base.config.metrics.warmUp).toBe(10_000_000);
});
