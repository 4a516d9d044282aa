import { expect, test } from "vitest";
import { checkDeterminism, firstDifference } from "../../src/experiment/determinism-check.js";
import type { SimulationResult } from "../../src/experiment/simulate.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/** A run as the check reads it: windows of 10 s with a request count, and a fingerprint per window. */
function fakeRun(fingerprints: string[], requests: number[]): SimulationResult {
  return {
    windows: requests.map((n, i) => ({ start: i * 10e6, end: (i + 1) * 10e6, all: { requests: n } })),
    windowFingerprints: fingerprints,
    engine: { events: 1, peakPending: 1, fingerprint: fingerprints[fingerprints.length - 1] },
    outcome: {},
  } as unknown as SimulationResult;
}

test("the first window whose fingerprint or numbers differ is reported with its simulated time span", () => {
  expect(firstDifference(fakeRun(["a", "b", "c"], [5, 5, 5]), fakeRun(["a", "b", "c"], [5, 5, 5]))).toBeUndefined();
  expect(firstDifference(fakeRun(["a", "b", "c"], [5, 5, 5]), fakeRun(["a", "x", "y"], [5, 5, 5]))).toEqual({ fromS: 10, toS: 20, what: "event fingerprint b vs x" });
  expect(firstDifference(fakeRun(["a", "b", "c"], [5, 5, 5]), fakeRun(["a", "b", "c"], [5, 5, 6]))).toEqual({ fromS: 20, toS: 30, what: "the window's counts or latencies" });
  expect(firstDifference(fakeRun(["a", "b"], [5, 5]), fakeRun(["a", "b", "c"], [5, 5, 5]))?.fromS).toBe(20);
});

test("a real scenario run twice is deterministic, window by window", () => {
  const scenario = loadScenarioText(
    `
duration: 30s
cluster:
  regions:
    - { name: r1, zones: [r1a, r1b, r1c], nodesPerZone: 1, replicationFactor: 3 }
workload: { rate: 100/s }
`,
    "tiny.yaml",
  );
  const report = checkDeterminism(scenario.base.config, 4);
  expect(report.deterministic).toBe(true);
  expect(report.fingerprints[0]).toBe(report.fingerprints[1]);
  expect(report.events[0]).toBeGreaterThan(1000);
});
