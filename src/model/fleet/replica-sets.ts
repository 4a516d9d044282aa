import type { Source } from "../../engine/random-streams.js";
import { placeReplicas, placementScratch } from "../ring/replica-placement.js";
import { drawRing } from "../ring/ring-tokens.js";

/** The shape of one cluster's ring. Node n sits in zone floor(n / nodesPerZone). */
export interface RingShape {
  readonly zones: number;
  readonly nodesPerZone: number;
  readonly replicationFactor: number;
  /** Token ranges per node. */
  readonly vnodes: number;
}

/** One cluster's token ranges and who replicates each. */
export interface ReplicaSets {
  readonly nodes: number;
  readonly rangeCount: number;
  readonly replicationFactor: number;
  /** Per range, its `replicationFactor` distinct replica nodes (views into one buffer). */
  readonly replicas: readonly Int32Array[];
  /** Per node, the ranges it replicates, ascending. */
  readonly rangesOfNode: readonly Int32Array[];
}

/**
 * One cluster's ring, drawn and placed as the cluster model's (`drawRing`, `placeReplicas`): range
 * i ends at the i-th smallest token. With many vnodes a node shares ranges with many peers.
 */
export function buildReplicaSets(shape: RingShape, source: Source): ReplicaSets {
  const { zones, nodesPerZone, replicationFactor: rf, vnodes } = shape;
  const nodes = zones * nodesPerZone;
  if (!Number.isSafeInteger(rf) || rf < 1 || rf > nodes) throw new RangeError(`replicationFactor must be from 1 to ${nodes}, got ${rf}`);
  if (!Number.isSafeInteger(vnodes) || vnodes < 1) throw new RangeError(`vnodes must be a whole number >= 1, got ${vnodes}`);
  const { owners } = drawRing(nodes, vnodes, source);
  const rangeCount = owners.length;
  const flat = new Int32Array(rangeCount * rf);
  const replicas: Int32Array[] = [];
  const zoneOf = Int32Array.from({ length: nodes }, (_, node) => Math.floor(node / nodesPerZone));
  const scratch = placementScratch(nodes, zones);
  for (let range = 0; range < rangeCount; range++) {
    const set = flat.subarray(range * rf, (range + 1) * rf);
    const taken = placeReplicas(owners, range, zoneOf, undefined, -1, set, scratch);
    if (taken < rf) throw new RangeError(`only ${taken} distinct nodes on the ring for replicationFactor ${rf}`);
    replicas.push(set);
  }
  return { nodes, rangeCount, replicationFactor: rf, replicas, rangesOfNode: invert(replicas, nodes), };
}

/** Per node, how many distinct other nodes share at least one range with it. */
export function peerCounts(sets: ReplicaSets): Int32Array {
  const counts = new Int32Array(sets.nodes);
  const mark = new Int32Array(sets.nodes).fill(-1);
  for (let node = 0; node < sets.nodes; node++) {
    for (const range of sets.rangesOfNode[node]) {
      for (const peer of sets.replicas[range]) {
        if (peer !== node && mark[peer] !== node) {
          mark[peer] = node;
          counts[node]++;
        }
      }
    }
  }
  return counts;
}

function invert(replicas: readonly Int32Array[], nodes: number): Int32Array[] {
  const counts = new Int32Array(nodes);
  for (const set of replicas) for (const node of set) counts[node]++;
  const result = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(nodes);
  replicas.forEach((set, range) => {
    for (const node of set) result[node][fill[node]++] = range;
  });
  return result;
}
