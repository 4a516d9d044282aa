import { describe, expect, test } from "vitest";
import { impossibleConsistency, requiredGroups } from "../../../src/model/cluster/consistency.js";

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
  const regions = [
    { name: "east", replicationFactor: 3 },
    { name: "edge", replicationFactor: 0 },
  ];

  test("a LOCAL level is impossible for clients in a region without copies, possible elsewhere", () => {
    expect(impossibleConsistency("LOCAL_QUORUM", regions, ["east", "edge"])).toEqual([
      'LOCAL_QUORUM can never be met: clients in region "edge" coordinate there, and it holds no replica',
    ]);
    expect(impossibleConsistency("LOCAL_ONE", regions, ["edge"])).toHaveLength(1);
    expect(impossibleConsistency("LOCAL_QUORUM", regions, ["east"])).toEqual([]);
    expect(impossibleConsistency("QUORUM", regions, ["east", "edge"])).toEqual([]);
    expect(impossibleConsistency("EACH_QUORUM", regions, ["edge"])).toEqual([]);
  });

  test("no level can be met when no region holds a copy", () => {
    expect(impossibleConsistency("ONE", [{ name: "east", replicationFactor: 0 }], ["east"])).toEqual(["ONE can never be met: every region has replication factor 0"]);
  });
});
