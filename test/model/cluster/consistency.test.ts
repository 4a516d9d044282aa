import { describe, expect, test } from "vitest";
import { impossibleConsistency, requiredGroups } from "../../../src/model/cluster/consistency.js";
import { Topology } from "../../../src/model/topology.js";
import { clusterConfig } from "../tiny-world.js";

/** Two regions, RF 3 each: replicas 0, 1, 2 in region 0 and 3, 4, 5 in region 1. */
const byRegion = [
  [0, 1, 2],
  [3, 4, 5],
];
const all = [0, 1, 2, 3, 4, 5];

describe("requiredGroups with 2 regions × RF 3, coordinator in region 1", () => {
  test.each([
    ["ONE", [{ members: all, needed: 1 }]],
    ["LOCAL_ONE", [{ members: [3, 4, 5], needed: 1 }]],
    ["LOCAL_QUORUM", [{ members: [3, 4, 5], needed: 2 }]],
    ["QUORUM", [{ members: all, needed: 4 }]],
    ["EACH_QUORUM", [{ members: [0, 1, 2], needed: 2 }, { members: [3, 4, 5], needed: 2 }]],
    ["ALL", [{ members: all, needed: 6 }]],
  ] as const)("%s", (level, groups) => {
    expect(requiredGroups(level, byRegion, 1)).toEqual(groups);
  });

  test("LOCAL levels follow the coordinator's region", () => {
    expect(requiredGroups("LOCAL_QUORUM", byRegion, 0)).toEqual([{ members: [0, 1, 2], needed: 2 }]);
    expect(requiredGroups("LOCAL_ONE", byRegion, 0)).toEqual([{ members: [0, 1, 2], needed: 1 }]);
  });

  test("quorum of an even count is a strict majority; EACH_QUORUM skips regions without copies", () => {
    const uneven = [[0, 1, 2, 3], [], [4]];
    expect(requiredGroups("QUORUM", uneven, 0)).toEqual([{ members: [0, 1, 2, 3, 4], needed: 3 }]);
    expect(requiredGroups("LOCAL_QUORUM", uneven, 0)).toEqual([{ members: [0, 1, 2, 3], needed: 3 }]);
    expect(requiredGroups("EACH_QUORUM", uneven, 1)).toEqual([
      { members: [0, 1, 2, 3], needed: 3 },
      { members: [4], needed: 1 },
    ]);
  });
});

describe("impossibleConsistency", () => {
  const topology = new Topology(
    clusterConfig({
      regions: [
        { name: "east", zones: ["a"], nodesPerZone: 3, replicationFactor: 3 },
        { name: "edge", zones: ["b"], nodesPerZone: 1, replicationFactor: 0 },
      ],
    }),
  );

  test("a LOCAL level is impossible for clients in a region without copies, possible elsewhere", () => {
    expect(impossibleConsistency("LOCAL_QUORUM", topology, [0, 1])).toMatch(/region "edge" has replication factor 0/);
    expect(impossibleConsistency("LOCAL_ONE", topology, [1])).toBeDefined();
    expect(impossibleConsistency("LOCAL_QUORUM", topology, [0])).toBeUndefined();
    expect(impossibleConsistency("QUORUM", topology, [0, 1])).toBeUndefined();
    expect(impossibleConsistency("EACH_QUORUM", topology, [1])).toBeUndefined();
  });
});
