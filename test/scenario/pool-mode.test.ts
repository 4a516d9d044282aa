import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

/** A scenario of one region with one node; `region` adds keys to the region. */
function text(mode: "pool" | "coordinated", region = ""): string {
  return `duration: 20s
cluster:
  mode: ${mode}
  regions:
    - { name: r1, zones: [a], nodesPerZone: 1${region} }
workload:
  rate: 100/s
`;
}

function messages(source: string): string[] {
  try {
    loadScenarioText(source, "test.yaml", {});
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((p) => p.message);
    throw error;
  }
  return [];
}

describe("pool mode asks for no replication factor", () => {
  test("without replicationFactor, a one-node pool loads (the model gets none) and serves every request", () => {
    const scenario = loadScenarioText(text("pool"), "pool.yaml", {});
    expect(scenario.base.config.world.cluster.regions[0].replicationFactor).toBe(0);
    const outcome = simulate(scenario.base.config, 1).outcome;
    expect(outcome.requests.total).toBeGreaterThan(1500);
    expect(outcome.availability).toBe(1);
  });

  test("replicationFactor: 0 in pool mode is not refused with a consistency level that can never be met", () => {
    expect(messages(text("pool", ", replicationFactor: 0"))).toEqual([]);
  });

  test("coordinated mode still needs copies: absent means 3, and 0 or more than the nodes is refused", () => {
    expect(messages(text("coordinated"))).toEqual(['replication factor 3 is more than the 1 nodes of region "r1"']);
    expect(messages(text("coordinated", ", replicationFactor: 0"))).toEqual([
      'LOCAL_QUORUM can never be met: clients in region "r1" coordinate there, and it holds no replica',
      "LOCAL_QUORUM can never be met: every region has replication factor 0",
      'LOCAL_QUORUM can never be met: clients in region "r1" coordinate there, and it holds no replica',
      "LOCAL_QUORUM can never be met: every region has replication factor 0",
    ]);
  });

  test("a replication factor written in pool mode is kept, and still must fit the region", () => {
    expect(loadScenarioText(text("pool", ", replicationFactor: 1"), "pool.yaml", {}).base.config.world.cluster.regions[0].replicationFactor).toBe(1);
    expect(messages(text("pool", ", replicationFactor: 2"))).toEqual(['replication factor 2 is more than the 1 nodes of region "r1"']);
  });
});
