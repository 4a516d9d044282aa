import type { Source } from "../../engine/random-streams.js";

const TOKEN_SPACE = 4294967296; // tokens are unsigned 32-bit

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
 * Places nodes × vnodes random tokens on a ring (drawn from `source`); range i ends at the i-th
 * smallest token. Its replicas are the first `replicationFactor` nodes of distinct zones walking
 * clockwise from its owner; when there are fewer zones than replicas, the rest are the next
 * distinct nodes. With many vnodes a node shares ranges with many peers.
 */
export function buildReplicaSets(shape: RingShape, source: Source): ReplicaSets {
  const { zones, nodesPerZone, replicationFactor: rf, vnodes } = shape;
  const nodes = zones * nodesPerZone;
  if (!Number.isSafeInteger(rf) || rf < 1 || rf > nodes) throw new RangeError(`replicationFactor must be from 1 to ${nodes}, got ${rf}`);
  if (!Number.isSafeInteger(vnodes) || vnodes < 1) throw new RangeError(`vnodes must be a whole number >= 1, got ${vnodes}`);
  const owners = ringOwners(nodes, vnodes, source);
  const rangeCount = owners.length;
  const flat = new Int32Array(rangeCount * rf);
  const replicas: Int32Array[] = [];
  const chosen = new Uint8Array(nodes);
  const zoneUsed = new Uint8Array(zones);
  for (let range = 0; range < rangeCount; range++) {
    const set = flat.subarray(range * rf, (range + 1) * rf);
    pickReplicas(owners, range, nodesPerZone, set, chosen, zoneUsed);
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

/** The owner node of each range, ranges sorted by their (distinct) end token. */
function ringOwners(nodes: number, vnodes: number, source: Source): Int32Array {
  const count = nodes * vnodes;
  const tokens = new Float64Array(count);
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    let token: number;
    do token = Math.floor(source() * TOKEN_SPACE);
    while (used.has(token));
    used.add(token);
    tokens[i] = token;
  }
  // Entry i belongs to node floor(i / vnodes); tokens are distinct, so the order is total.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => tokens[a] - tokens[b]);
  return Int32Array.from(order, (i) => Math.floor(i / vnodes));
}

function pickReplicas(owners: Int32Array, start: number, nodesPerZone: number, set: Int32Array, chosen: Uint8Array, zoneUsed: Uint8Array): void {
  const rf = set.length;
  let taken = 0;
  // First pass: distinct zones; second pass (only when zones < rf): any node not yet taken.
  for (let pass = 0; pass < 2 && taken < rf; pass++) {
    for (let step = 0; step < owners.length && taken < rf; step++) {
      const node = owners[(start + step) % owners.length];
      const zone = Math.floor(node / nodesPerZone);
      if (chosen[node] || (pass === 0 && zoneUsed[zone])) continue;
      chosen[node] = 1;
      zoneUsed[zone] = 1;
      set[taken++] = node;
    }
  }
  if (taken < rf) throw new RangeError(`only ${taken} distinct nodes on the ring for replicationFactor ${rf}`);
  for (const node of set) {
    chosen[node] = 0;
    zoneUsed[Math.floor(node / nodesPerZone)] = 0;
  }
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
