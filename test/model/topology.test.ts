import { describe, expect, test } from "vitest";
import { Topology } from "../../src/model/topology.js";
import { clusterConfig } from "./tiny-world.js";

const twoRegions = clusterConfig({
  regions: [
    { name: "east", zones: ["e1", "e2"], nodesPerZone: 2, replicationFactor: 3 },
    { name: "west", zones: ["w1"], nodesPerZone: 1, replicationFactor: 1 },
  ],
});

describe("Topology", () => {
  test("nodes are numbered region by region, zone by zone, with ids zone/i", () => {
    const t = new Topology(twoRegions);
    expect(t.nodes).toEqual([
      { index: 0, id: "e1/0", zone: 0, region: 0 },
      { index: 1, id: "e1/1", zone: 0, region: 0 },
      { index: 2, id: "e2/0", zone: 1, region: 0 },
      { index: 3, id: "e2/1", zone: 1, region: 0 },
      { index: 4, id: "w1/0", zone: 2, region: 1 },
    ]);
    expect(t.regionNames).toEqual(["east", "west"]);
    expect(t.zoneNames).toEqual(["e1", "e2", "w1"]);
    expect(t.zoneRegion).toEqual([0, 0, 1]);
    expect(t.nodesInRegion).toEqual([[0, 1, 2, 3], [4]]);
    expect(t.nodesInZone).toEqual([[0, 1], [2, 3], [4]]);
    expect(t.replicationFactor).toEqual([3, 1]);
  });

  test("nodeIndex finds a node by id and nothing for an unknown id", () => {
    const t = new Topology(twoRegions);
    expect(t.nodeIndex("e2/1")).toBe(3);
    expect(t.nodeIndex("w1/0")).toBe(4);
    expect(t.nodeIndex("w1/1")).toBeUndefined();
  });

  test("a replication factor above the region's node count throws", () => {
    const config = clusterConfig({ regions: [{ name: "r", zones: ["a", "b"], nodesPerZone: 1, replicationFactor: 3 }] });
    expect(() => new Topology(config)).toThrow(RangeError);
    expect(() => new Topology(config)).toThrow(/fewer than its replication factor 3/);
  });

  test("a zone name used in two regions throws", () => {
    const config = clusterConfig({
      regions: [
        { name: "r1", zones: ["a"], nodesPerZone: 1, replicationFactor: 1 },
        { name: "r2", zones: ["a"], nodesPerZone: 1, replicationFactor: 1 },
      ],
    });
    expect(() => new Topology(config)).toThrow(/zone "a" appears twice/);
  });
});
