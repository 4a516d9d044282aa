import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { buildReplicaSets, peerCounts, type RingShape } from "../../../src/model/fleet/replica-sets.js";

const shape = (s: Partial<RingShape> = {}): RingShape => ({ zones: 3, nodesPerZone: 2, replicationFactor: 3, vnodes: 8, ...s });
const build = (s: Partial<RingShape> = {}, seed = 1) => buildReplicaSets(shape(s), streamFor(seed, "tokens"));
const zoneOf = (node: number, nodesPerZone = 2) => Math.floor(node / nodesPerZone);

describe("buildReplicaSets", () => {
  test("nodes × vnodes ranges, each with rf distinct nodes in distinct zones", () => {
    const sets = build();
    expect(sets.rangeCount).toBe(6 * 8);
    for (const set of sets.replicas) {
      expect(set).toHaveLength(3);
      expect(new Set(Array.from(set, (n) => zoneOf(n))).size).toBe(3);
    }
  });

  test("rangesOfNode is the inverse of replicas", () => {
    const sets = build();
    let total = 0;
    sets.rangesOfNode.forEach((ranges, node) => {
      total += ranges.length;
      for (const range of ranges) expect(Array.from(sets.replicas[range])).toContain(node);
    });
    expect(total).toBe(sets.rangeCount * 3);
  });

  test("one node per zone, one vnode: every range holds all three nodes, each node has 2 peers", () => {
    const sets = build({ nodesPerZone: 1, vnodes: 1 });
    expect(sets.rangeCount).toBe(3);
    for (const set of sets.replicas) expect(Array.from(set).sort()).toEqual([0, 1, 2]);
    expect(Array.from(peerCounts(sets))).toEqual([2, 2, 2]);
  });

  test("with one vnode per node a node peers with few nodes; with many, with every node of the other zones", () => {
    const few = build({ nodesPerZone: 8, vnodes: 1 });
    const many = build({ nodesPerZone: 8, vnodes: 64 });
    const total = (counts: Int32Array) => counts.reduce((a, b) => a + b, 0);
    expect(total(peerCounts(few))).toBeLessThan(total(peerCounts(many)) / 2);
    expect(Array.from(peerCounts(many))).toEqual(new Array(24).fill(16));
  });

  test("fewer zones than replicas: the rest are the next distinct nodes", () => {
    const sets = build({ zones: 2, nodesPerZone: 3 }, 5);
    for (const set of sets.replicas) {
      expect(new Set(set).size).toBe(3);
      expect(new Set(Array.from(set, (n) => zoneOf(n, 3))).size).toBe(2);
    }
  });

  test("the same source gives the same ring, another a different one", () => {
    const flat = (seed: number) => build({}, seed).replicas.map((s) => Array.from(s));
    expect(flat(3)).toEqual(flat(3));
    expect(flat(3)).not.toEqual(flat(4));
  });

  test("rf larger than the cluster is a RangeError", () => {
    expect(() => build({ zones: 1, nodesPerZone: 2 })).toThrow(RangeError);
  });
});
