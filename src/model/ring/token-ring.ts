import type { Source } from "../../engine/random-streams.js";
import type { Topology } from "../topology.js";
import { placeReplicas, placementScratch } from "./replica-placement.js";
import { drawRing } from "./ring-tokens.js";

/** A key's token: a fixed 32-bit mix of its index, so every run places keys alike. */
export function keyToken(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The cluster's token ring: each node owns `vnodes` random tokens; a token range runs from one
 * token (exclusive) to the next (inclusive). A range's replicas are placed per region (see
 * `placeReplicas`), up to the region's replication factor.
 */
export class TokenRing {
  /** Sorted range end tokens; range i covers (tokens[i − 1], tokens[i]], range 0 wraps around. */
  readonly tokens: Float64Array;
  /** Replica node indices of each range, all regions, nearest-on-the-ring first per region. */
  readonly replicas: readonly (readonly number[])[];
  /** Per range and region, the replica node indices in that region. */
  readonly replicasByRegion: readonly (readonly (readonly number[])[])[];

  constructor(topology: Topology, vnodes: number, source: Source) {
    const { tokens, owners } = drawRing(topology.nodes.length, vnodes, source);
    this.tokens = tokens;
    const zoneOf = Int32Array.from(topology.nodes, (n) => n.zone);
    const regionOf = Int32Array.from(topology.nodes, (n) => n.region);
    const scratch = placementScratch(topology.nodes.length, topology.zoneNames.length);
    const replicasByRegion: number[][][] = [];
    for (let i = 0; i < owners.length; i++) {
      replicasByRegion.push(
        topology.regionNames.map((_, r) => {
          const into = new Int32Array(topology.replicationFactor[r]);
          return Array.from(into.subarray(0, placeReplicas(owners, i, zoneOf, regionOf, r, into, scratch)));
        }),
      );
    }
    this.replicasByRegion = replicasByRegion;
    this.replicas = replicasByRegion.map((byRegion) => byRegion.flat());
  }

  get rangeCount(): number {
    return this.tokens.length;
  }

  /** The index of the range that owns `token`: binary search, O(log ranges). */
  rangeOfToken(token: number): number {
    const tokens = this.tokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid] < token) lo = mid + 1;
      else hi = mid;
    }
    return lo === tokens.length ? 0 : lo;
  }

  /** The range that owns key number `key`. */
  rangeOfKey(key: number): number {
    return this.rangeOfToken(keyToken(key));
  }
}
