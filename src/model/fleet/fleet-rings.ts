import { drawRing } from "../ring/ring-tokens.js";
import { placeReplicas, placementScratch, type PlacementScratch } from "../ring/replica-placement.js";
import { AleaStates } from "./alea-states.js";
import type { RingShape } from "./replica-sets.js";

const TOKEN_SPACE = 4294967296; // tokens are unsigned 32-bit, as ring-tokens draws them
/** A token and its draw index packed into one double, token · 2^21 + index: sorts as (token, index). */
const INDEX_SPACE = 2 ** 21;

/**
 * Every cluster's ranges per node, for a whole fleet in two typed arrays. Node n of cluster c
 * (id = c · nodes + n) replicates ranges[c · perCluster + offset[id] … c · perCluster + end), where
 * end is offset[id + 1], or perCluster for the cluster's last node: ascending range indices
 * within its cluster, bytes when a cluster has at most 256 ranges. The rings are those of `buildReplicaSets`
 * with each cluster's `fleet/<c>/tokens` stream, drawn without an object per range or cluster.
 */
export interface FleetRings {
  readonly clusters: number;
  readonly nodes: number;
  /** Ranges per cluster (nodes × vnodes). */
  readonly rangeCount: number;
  /** Entries of `ranges` per cluster: rangeCount × replicationFactor. */
  readonly perCluster: number;
  /** Per node id, where its ranges start within its cluster's block. */
  readonly offset: Int32Array;
  readonly ranges: Uint8Array | Uint16Array | Int32Array;
  /** Per node id, the distinct other nodes sharing a range with it (only when asked for). */
  readonly peers: Int32Array | undefined;
}

/** Draws and places every cluster's ring (see FleetRings); `withPeers` also counts each node's peers. */
export function buildFleetRings(shape: RingShape, clusters: number, seed: number, withPeers: boolean): FleetRings {
  const { zones, nodesPerZone, replicationFactor: rf, vnodes } = shape;
  const nodes = zones * nodesPerZone;
  const rangeCount = nodes * vnodes;
  const perCluster = rangeCount * rf;
  if (clusters * perCluster > 2 ** 32 - 1) throw new RangeError(`a fleet of ${clusters} clusters of ${rangeCount} ranges × ${rf} replicas is too large to hold`);
  const offset = new Int32Array(clusters * nodes + 1);
  const entries = clusters * perCluster;
  const ranges = rangeCount <= 256 ? new Uint8Array(entries) : rangeCount <= 65536 ? new Uint16Array(entries) : new Int32Array(entries);
  const peers = withPeers ? new Int32Array(clusters * nodes) : undefined;
  const scratch = new RingScratch(nodes, zones, nodesPerZone, vnodes, rf);
  for (let c = 0; c < clusters; c++) {
    scratch.draw(seed, c);
    scratch.invert(offset, ranges, c * nodes, c * perCluster);
    if (peers !== undefined) scratch.countPeers(peers, offset, ranges, c * nodes, c * perCluster, perCluster);
  }
  offset[clusters * nodes] = perCluster;
  return { clusters, nodes, rangeCount, perCluster, offset, ranges, peers };
}

/** Buffers for one cluster's ring, reused for every cluster. */
class RingScratch {
  readonly #nodes: number;
  readonly #vnodes: number;
  readonly #rf: number;
  readonly #random = new AleaStates(1);
  readonly #packed: Float64Array;
  readonly #owners: Int32Array;
  readonly #seen: TokenSet;
  readonly #zoneOf: Int32Array;
  readonly #placement: PlacementScratch;
  readonly #into: Int32Array;
  /** Per range, its rf replicas. */
  readonly #replicas: Int32Array;
  readonly #count: Int32Array;
  readonly #mark: Int32Array;

  constructor(nodes: number, zones: number, nodesPerZone: number, vnodes: number, rf: number) {
    if (!Number.isSafeInteger(rf) || rf < 1 || rf > nodes) throw new RangeError(`replicationFactor must be from 1 to ${nodes}, got ${rf}`);
    if (!Number.isSafeInteger(vnodes) || vnodes < 1) throw new RangeError(`vnodes must be a whole number >= 1, got ${vnodes}`);
    const count = nodes * vnodes;
    this.#nodes = nodes;
    this.#vnodes = vnodes;
    this.#rf = rf;
    this.#packed = new Float64Array(count);
    this.#owners = new Int32Array(count);
    this.#seen = new TokenSet(count);
    this.#zoneOf = Int32Array.from({ length: nodes }, (_, node) => Math.floor(node / nodesPerZone));
    this.#placement = placementScratch(nodes, zones);
    this.#into = new Int32Array(rf);
    this.#replicas = new Int32Array(count * rf);
    this.#count = new Int32Array(nodes);
    this.#mark = new Int32Array(nodes);
  }

  /** Draws cluster `c`'s ring (as drawRing does, token after token, redrawing one already taken) and places its replicas. */
  draw(seed: number, c: number): void {
    const random = this.#random;
    random.seed(0, seed, `fleet/${c}/tokens`);
    const owners = this.#owners;
    const count = owners.length;
    if (count < INDEX_SPACE) {
      const packed = this.#packed;
      const seen = this.#seen;
      seen.clear();
      for (let i = 0; i < count; i++) {
        let token: number;
        do token = Math.floor(random.next(0) * TOKEN_SPACE);
        while (!seen.add(token));
        packed[i] = token * INDEX_SPACE + i;
      }
      packed.sort();
      for (let i = 0; i < count; i++) owners[i] = Math.floor((packed[i] % INDEX_SPACE) / this.#vnodes);
    } else {
      owners.set(drawRing(this.#nodes, this.#vnodes, () => random.next(0)).owners);
    }
    const rf = this.#rf;
    const into = this.#into;
    for (let range = 0; range < count; range++) {
      const taken = placeReplicas(owners, range, this.#zoneOf, undefined, -1, into, this.#placement);
      if (taken < rf) throw new RangeError(`only ${taken} distinct nodes on the ring for replicationFactor ${rf}`);
      for (let k = 0; k < rf; k++) this.#replicas[range * rf + k] = into[k];
    }
  }

  /** Writes the drawn cluster's ranges per node into the fleet's arrays at node id `firstNode`, entry `base`. */
  invert(offset: Int32Array, ranges: FleetRings["ranges"], firstNode: number, base: number): void {
    const counts = this.#count.fill(0);
    const replicas = this.#replicas;
    for (let i = 0; i < replicas.length; i++) counts[replicas[i]]++;
    let at = 0;
    for (let node = 0; node < this.#nodes; node++) {
      offset[firstNode + node] = at;
      const n = counts[node];
      counts[node] = at; // from here on: where the node's next range goes
      at += n;
    }
    const rf = this.#rf;
    for (let i = 0; i < replicas.length; i++) ranges[base + counts[replicas[i]]++] = Math.floor(i / rf);
  }

  /** Per node of the drawn cluster, its distinct range-sharing peers (from its ranges as `invert` wrote them), into `peers`. */
  countPeers(peers: Int32Array, offset: Int32Array, ranges: FleetRings["ranges"], firstNode: number, base: number, perCluster: number): void {
    const mark = this.#mark.fill(-1);
    const rf = this.#rf;
    const replicas = this.#replicas;
    for (let node = 0; node < this.#nodes; node++) {
      const end = node + 1 < this.#nodes ? offset[firstNode + node + 1] : perCluster;
      for (let i = base + offset[firstNode + node]; i < base + end; i++) {
        const range = ranges[i];
        for (let j = range * rf; j < (range + 1) * rf; j++) {
          const peer = replicas[j];
          if (peer !== node && mark[peer] !== node) {
            mark[peer] = node;
            peers[firstNode + node]++;
          }
        }
      }
    }
  }
}

/** A set of tokens (whole numbers below 2^32) by open addressing, cleared in place: no allocation per cluster. */
class TokenSet {
  readonly #keys: Float64Array;
  readonly #mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.#keys = new Float64Array(size).fill(-1);
    this.#mask = size - 1;
  }

  clear(): void {
    this.#keys.fill(-1);
  }

  /** Adds `token`; false when it was there already. */
  add(token: number): boolean {
    const keys = this.#keys;
    let at = Math.imul(token | 0, 0x9e3779b1) >>> 0 & this.#mask;
    while (keys[at] !== -1) {
      if (keys[at] === token) return false;
      at = (at + 1) & this.#mask;
    }
    keys[at] = token;
    return true;
  }
}
