import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
`;

const load = (text: string) => loadScenarioText(MINIMAL + text, "test.yaml").base.config;
const messages = (text: string): string[] => scenarioProblems(() => load(text));

describe("priority shedding in scenario files", () => {
  test("off by default: no key reaches the model", () => {
    const config = load("workload: { rate: 50/s }\n");
    expect(config.world.cluster.node.priorityShedding).toBeUndefined();
    expect(config.metrics.phases).toBeUndefined();
  });

  test("shares, namespace criticalities and the clients' marks are read in model terms", () => {
    const config = load(`  node:
    limit: { kind: fixed, limit: 20 }
    priorityShedding: { retry: 40% }
workload:
  rate: 50/s
  criticality: background
  namespaces:
    - { name: users, share: 50%, criticality: critical }
    - { name: batch, share: 50% }
clients:
  criticality: { retries: retry }
`);
    expect(config.world.cluster.node.priorityShedding).toEqual({ shares: [1, 0.75, 0.4], namespaces: [0, 1], retries: 2 });
  });

  test("keys that would do nothing, and shares that grow, are errors with their paths", () => {
    expect(messages("workload: { rate: 50/s, criticality: background }\nclients: { criticality: { hedges: retry } }\n")).toEqual([
      "workload.criticality: does nothing without cluster.node.priorityShedding (nothing sheds by criticality)",
      "clients.criticality: does nothing without cluster.node.priorityShedding (nothing sheds by criticality)",
    ]);
    expect(messages("  node: { priorityShedding: {} }\nworkload: { rate: 50/s }\n")).toEqual([
      "cluster.node.priorityShedding: needs cluster.node.limit: the shares are shares of a concurrency limit",
    ]);
    expect(messages("  node: { limit: { kind: fixed }, priorityShedding: { background: 50%, retry: 60% } }\nworkload: { rate: 50/s }\n")).toEqual([
      "cluster.node.priorityShedding.retry: must be at most background's share (50%): a less critical class never gets more of the limit, got 60%",
    ]);
    expect(messages("  node: { limit: { kind: fixed }, priorityShedding: { retry: 0 } }\nworkload: { rate: 50/s }\n")[0]).toMatch(/retry: must be more than 0%/);
  });
});

describe("phases in scenario files", () => {
  test("are read in µs, in the order written", () => {
    const config = load("workload: { rate: 50/s }\nphases: { calm: { from: 0s, to: 30s }, late: { from: 90s, to: 2m } }\n");
    expect(config.metrics.phases).toEqual([
      { name: "calm", from: 0, to: 30_000_000 },
      { name: "late", from: 90_000_000, to: 120_000_000 },
    ]);
  });

  test("a phase backwards, past the run, or without a whole window is an error", () => {
    expect(messages("workload: { rate: 50/s }\nphases: { a: { from: 30s, to: 20s }, b: { from: 0s, to: 3m }, c: { from: 15s, to: 25s } }\n")).toEqual([
      "phases.a.to: must be after from (30s), got 20s",
      "phases.b.to: must be within the run (duration 2m), got 3m",
      "phases.c: holds no whole window: windows are 10s long from the start, so give at least one [start, start + 10s) inside [from, to)",
    ]);
  });
});
