import { describe, expect, test } from "vitest";
import { summarisePhase } from "../../src/metrics/phase-summary.js";
import type { ScopeStats, WindowRow } from "../../src/metrics/window-recorder.js";

const PROBES = ["hedges", "retries", "server_shed", "capacity", "utilization"];

/** A window [start, start + 10) s with `requests` of which `ok` succeeded, a p99 in ms and its probe values. */
function row(startS: number, requests: number, ok: number, p99Ms: number, probes: number[]): WindowRow {
  const all: ScopeStats = {
    requests,
    outcomes: [ok, requests - ok],
    slow: 0,
    observed: { p50: 0, p90: 0, p99: p99Ms * 1000, p999: 0, mean: 0, max: 0 },
    success: null,
  };
  return { start: startS * 1e6, end: (startS + 10) * 1e6, all, ops: [], zones: [], regions: [], violatedOps: [], probes };
}

describe("summarisePhase", () => {
  const rows = [row(0, 100, 100, 5, [1, 0, 0, 12, 0.4]), row(10, 200, 190, 20, [10, 5, 30, 12, 0.8]), row(20, 200, 200, 8, [2, 1, 0, 24, 0.6])];

  test("adds up the windows wholly inside [from, to)", () => {
    expect(summarisePhase(rows, PROBES, { name: "p", from: 10e6, to: 30e6 })).toEqual({
      windows: 2,
      requests: 400,
      availability: 390 / 400,
      p99MsMax: 20,
      p99MsMean: 14,
      utilization: 0.7,
      utilizationMax: 0.8,
      serverShed: 30,
      hedges: 12,
      retries: 6,
      capacity: 24,
    });
  });

  test("a window cut by the phase's edge is left out; none inside gives zeros", () => {
    expect(summarisePhase(rows, PROBES, { name: "p", from: 5e6, to: 25e6 }).windows).toBe(1);
    expect(summarisePhase(rows, PROBES, { name: "p", from: 5e6, to: 15e6 })).toMatchObject({ windows: 0, requests: 0, availability: 1, p99MsMean: 0, utilization: 0 });
  });
});
