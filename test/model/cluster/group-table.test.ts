import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { requiredGroups, type ReplicaGroup } from "../../../src/model/cluster/consistency.js";
import { GroupTable, inGroup, layGroups, replicasAt } from "../../../src/model/cluster/group-table.js";
import { NearestTargets } from "../../../src/model/cluster/nearest-targets.js";
import { TargetList } from "../../../src/model/cluster/target-list.js";
import type { ConsistencyLevel } from "../../../src/model/config.js";
import { TokenRing } from "../../../src/model/ring/token-ring.js";
import { Topology } from "../../../src/model/topology.js";
import { clusterConfig } from "../tiny-world.js";

const LEVELS: ConsistencyLevel[] = ["ONE", "QUORUM", "ALL", "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM"];

/** east: 3 zones × 2 nodes, RF 3; west: 2 zones × 2 nodes, RF 2; south: 1 zone × 2 nodes, RF 0. */
const topology = new Topology(
  clusterConfig({
    regions: [
      { name: "east", zones: ["e1", "e2", "e3"], nodesPerZone: 2, replicationFactor: 3 },
      { name: "west", zones: ["w1", "w2"], nodesPerZone: 2, replicationFactor: 2 },
      { name: "south", zones: ["s1"], nodesPerZone: 2, replicationFactor: 0 },
    ],
  }),
);
const ring = new TokenRing(topology, 8, streamFor(3, "cluster/tokens"));
const regions = topology.regionNames.length;
const maxReplicas = ring.replicas.reduce((most, r) => Math.max(most, r.length), 0);

/** The groups and replicas of the entry at `at`, read back as objects. */
function readBack(words: Int32Array, at: number): { groups: ReplicaGroup[]; replicas: number[] } {
  const groups: ReplicaGroup[] = [];
  let w = at + 1;
  for (let g = 0; g < words[at] - 1; g++, w += 2 + words[w + 1]) {
    groups.push({ needed: words[w], members: Array.from(words.subarray(w + 2, w + 2 + words[w + 1])) });
    for (const m of groups[g].members) expect(inGroup(words, w, m)).toBe(true);
  }
  const r = replicasAt(words, at);
  expect(r).toBe(w);
  return { groups, replicas: Array.from(words.subarray(r + 1, r + 1 + words[r])) };
}

describe("GroupTable", () => {
  test("every (level, coordinator region, range) entry reads back as requiredGroups and the ring's replicas, within its stride", () => {
    const table = new GroupTable(LEVELS.length * regions * ring.rangeCount, regions, maxReplicas);
    for (let l = 0; l < LEVELS.length; l++) {
      for (let region = 0; region < regions; region++) {
        for (let range = 0; range < ring.rangeCount; range++) {
          const at = ((l * regions + region) * ring.rangeCount + range) * table.stride;
          const groups = requiredGroups(LEVELS[l], ring.replicasByRegion[range], region);
          expect(layGroups(table.words, at, groups, ring.replicas[range])).toBeLessThanOrEqual(table.stride);
        }
      }
    }
    // Read back only once all are laid: an entry that overran its stride would have been overwritten.
    for (let l = 0; l < LEVELS.length; l++) {
      for (let region = 0; region < regions; region++) {
        for (let range = 0; range < ring.rangeCount; range++) {
          const at = ((l * regions + region) * ring.rangeCount + range) * table.stride;
          const expected = requiredGroups(LEVELS[l], ring.replicasByRegion[range], region);
          expect(readBack(table.words, at)).toEqual({ groups: expected.map((g) => ({ needed: g.needed, members: [...g.members] })), replicas: [...ring.replicas[range]] });
        }
      }
    }
  });
});

/** The read targets as the per-key plan tables chose them: tiers by nearness, each in member order. */
function planned(coordinator: number, groups: readonly ReplicaGroup[], down: Uint8Array, turn: number): number[] {
  const at = topology.nodes[coordinator];
  const targets: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    const { needed, members } = groups[g];
    let have = g > 0 ? members.filter((m) => targets.includes(m)).length : 0;
    const tiers: number[][] = [[], [], [], []];
    for (const m of members) {
      const p = topology.nodes[m];
      tiers[m === coordinator ? 0 : p.zone === at.zone ? 1 : p.region === at.region ? 2 : 3].push(m);
    }
    for (const tier of tiers.filter((t) => t.length > 0)) {
      const k = tier.length;
      for (let n = 0, i = turn % k; n < k && have < needed; n++, i = (i + 1) % k) {
        const m = tier[i];
        if ((m !== coordinator && down[m] === 1) || targets.includes(m)) continue;
        targets.push(m);
        have++;
      }
    }
  }
  return targets;
}

describe("NearestTargets", () => {
  test("picks what the per-key plans picked, for every level, coordinator and range, with random nodes down and turns", () => {
    const nearest = new NearestTargets(
      Int32Array.from(topology.nodes, (n) => n.zone),
      Int32Array.from(topology.nodes, (n) => n.region),
      maxReplicas,
    );
    const draw = streamFor(5, "cases");
    const words = new Int32Array(64);
    const list = new TargetList();
    let cases = 0;
    for (const level of LEVELS) {
      for (let coordinator = 0; coordinator < topology.nodes.length; coordinator++) {
        for (let range = 0; range < ring.rangeCount; range++) {
          const groups = requiredGroups(level, ring.replicasByRegion[range], topology.nodes[coordinator].region);
          layGroups(words, 0, groups, ring.replicas[range]);
          for (let trial = 0; trial < 3; trial++) {
            const down = Uint8Array.from(topology.nodes, () => (trial > 0 && draw() < 0.3 ? 1 : 0));
            const turn = Math.floor(draw() * 1e9);
            nearest.fill(words, 0, coordinator, down, turn, list);
            const got = Array.from({ length: list.length }, (_, i) => list.at(i));
            expect(got).toEqual(planned(coordinator, groups, down, turn));
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(LEVELS.length * topology.nodes.length * ring.rangeCount * 3);
  });
});
