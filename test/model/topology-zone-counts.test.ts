import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import { Topology } from "../../src/model/topology.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { clusterConfig } from "./tiny-world.js";

describe("node counts per zone as a list", () => {
  test("nodesPerZone: [2, 1, 3] places 2, 1 and 3 nodes in the zones, in order", () => {
    const t = new Topology(clusterConfig({ regions: [{ name: "r", zones: ["a", "b", "c"], nodesPerZone: [2, 1, 3], replicationFactor: 3 }] }));
    expect(t.nodes.map((n) => n.id)).toEqual(["a/0", "a/1", "b/0", "c/0", "c/1", "c/2"]);
    expect(t.nodesInZone).toEqual([[0, 1], [2], [3, 4, 5]]);
  });

  test("a list that does not match the zones throws", () => {
    expect(() => new Topology(clusterConfig({ regions: [{ name: "r", zones: ["a", "b"], nodesPerZone: [2], replicationFactor: 1 }] }))).toThrow(/2 zones and 1 node counts/);
  });

  const scenario = (counts: string) => `duration: 20s
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: ${counts} }
workload:
  rate: 200/s
faults:
  timeline:
    - { at: 5s, for: 5s, kind: nodeCrash, node: c/0 }
`;

  test("a scenario with a list loads, runs, and its node ids are checked per zone", () => {
    const s = loadScenarioText(scenario("[4, 4, 2]"), "zones.yaml", {});
    expect(s.base.config.world.cluster.regions[0].nodesPerZone).toEqual([4, 4, 2]);
    const result = simulate(s.base.config, 1);
    expect(result.outcome.requests.total).toBeGreaterThan(3000);
    expect(result.windows.at(-1)!.probes[result.probeNames.indexOf("capacity")]).toBe(10 * 32);
  });

  test("a list of the wrong length, and a node beyond its zone's count, are reported", () => {
    const messages = (text: string): string[] => {
      try {
        loadScenarioText(text, "zones.yaml", {});
      } catch (error) {
        if (error instanceof ScenarioError) return error.problems.map((p) => p.message);
        throw error;
      }
      return [];
    };
    expect(messages(scenario("[4, 4]"))).toContain("2 node counts for 3 zones: give one per zone, in the order of zones");
    expect(messages(scenario("[4, 4, 2]").replace("c/0", "c/2"))[0]).toMatch(/no node "c\/2" in the topology/);
  });
});
