import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const FOUR_REGIONS = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
    - { name: r2, zones: [d, e, f], nodesPerZone: [2, 1, 1] }
    - { name: r3, zones: [g, h, i], nodesPerZone: 1, replicationFactor: 0 }
    - { name: r4, zones: [j, k, l], nodesPerZone: 1 }
  consistency: { read: ONE, write: ONE }
`;

const messages = (text: string): string[] => scenarioProblems(() => loadScenarioText(text, "test.yaml"));

describe("namespaces kept in some regions (workload.namespaces[].regions)", () => {
  test("read as names, absent on the namespaces that do not say", () => {
    const world = loadScenarioText(FOUR_REGIONS + "workload:\n  rate: 50/s\n  namespaces:\n    - { name: a, share: 50%, regions: [r2, r1] }\n    - { name: b, share: 50% }\n", "t.yaml").base.config.world;
    expect(world.workload.namespaces.map((n) => n.regions)).toEqual([["r2", "r1"], undefined]);
  });

  test("unknown, repeated or replica-less regions are refused, and so is a pool", () => {
    const workload = "workload:\n  rate: 50/s\n  namespaces:\n    - { name: a, share: 100%, regions: [r1, r5, r1, r3] }\n";
    expect(messages(FOUR_REGIONS + workload)).toEqual([
      'workload.namespaces.0.regions.1: no region "r5" in cluster.regions (did you mean "r1"?)',
      'workload.namespaces.0.regions.2: region "r1" appears twice',
      'workload.namespaces.0.regions.3: region "r3" has replicationFactor 0: it holds no replicas',
    ]);
    const pool = "duration: 2m\ncluster:\n  mode: pool\n  regions: [{ name: r1, zones: [a], nodesPerZone: 1 }]\nworkload:\n  rate: 50/s\n  namespaces: [{ name: a, share: 100%, regions: [r1] }]\n";
    expect(messages(pool)).toEqual(["workload.namespaces.0.regions: a pool holds no replicas to keep in some regions: use cluster.mode: coordinated"]);
  });

  test("each distinct list of regions is a placement with replica groups of its own, counted in the world's size", () => {
    const big = (lists: string[]) =>
      messages(
        `duration: 1h\ncluster: { vnodes: 128, regions: [{ name: r1, zones: [a, b, c], nodesPerZone: 1000 }, { name: r2, zones: [d, e, f], nodesPerZone: 1000 }] }\nworkload:\n  rate: 50/s\n  namespaces:\n` +
          lists.map((l, i) => `    - { name: n${i}, share: ${100 / lists.length}%${l ? `, regions: [${l}]` : ""} }\n`).join(""),
      );
    // 2 × 2 regions × 768,000 ranges × (2 + 4 + 12) words = 55.3 M per placement: two fit under 120 M, three do not.
    expect(big(["", "r1"])).toEqual([]);
    expect(big(["r1", "r1"])).toEqual([]);
    expect(big(["r1", "r2"])).toEqual([
      "cluster.vnodes: the replica-group table (placements × 2 × regions × ranges × (2 + 2 × regions + 2 × replicas) = 3 × 2 × 2 × 768,000 × 18 words) would be 165,888,000, more than the 120,000,000 relisim can build; use fewer vnodes or nodes",
    ]);
  });
});

describe("tied requests (clients.hedging.tied)", () => {
  const POOL = "duration: 2m\ncluster:\n  mode: pool\n  regions: [{ name: r1, zones: [a, b], nodesPerZone: 1 }]\nworkload: { rate: 50/s }\n";
  test("off by default; true cancels at once; a cancel delay is a duration", () => {
    const hedging = (h: string) => loadScenarioText(POOL + `clients: { hedging: ${h} }\n`, "t.yaml").base.config.world.client.hedging;
    expect(hedging("{}")!.tied).toBeUndefined();
    expect(hedging("{ tied: true }")!.tied).toEqual({ cancelDelay: 0 });
    expect(hedging("{ tied: { cancelDelay: 2ms } }")!.tied).toEqual({ cancelDelay: 2000 });
  });

  test("refused outside a pool, and with a cancel delay that is not a duration", () => {
    expect(messages(FOUR_REGIONS + "workload: { rate: 50/s }\nclients: { hedging: { tied: true } }\n")).toEqual([
      "clients.hedging.tied: tied requests cancel a copy in a server's queue: use cluster.mode: pool (a coordinator's replicas are not tied)",
    ]);
    expect(messages(POOL + "clients: { hedging: { tied: { cancelDelay: fast } } }\n")[0]).toMatch(/^clients\.hedging\.tied/);
  });
});
