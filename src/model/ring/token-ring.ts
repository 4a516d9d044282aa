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
  /** `rangeOfToken`'s index: see `bucketIndex`. */
  readonly #buckets: Int32Array;
  readonly #shift: number;

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
    this.#shift = 32 - bucketBits(tokens.length);
    this.#buckets = bucketIndex(tokens, this.#shift);
  }

  get rangeCount(): number {
    return this.tokens.length;
  }

  /**
   * The index of the range that owns `token`. A whole 32-bit token reads its bucket, which names
   * the range outright (most buckets hold no token) or where a short scan starts: one or two cache
   * lines, where a binary search over thousands of tokens misses on its last several probes.
   */
  rangeOfToken(token: number): number {
    if (token >>> 0 !== token) return this.#search(token);
    const tokens = this.tokens;
    let i = this.#buckets[token >>> this.#shift];
    if (i >= 0) return i;
    i = -i - 1;
    while (i < tokens.length && tokens[i] < token) i++;
    return i === tokens.length ? 0 : i;
  }

  /** `rangeOfToken` by binary search, O(log ranges): for tokens off the 32-bit grid. */
  #search(token: number): number {
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

/** Bits of the bucket index: 2–4 buckets per range (most hold no token), at most 2^22 buckets. */
function bucketBits(ranges: number): number {
  return Math.min(22, Math.ceil(Math.log2(Math.max(ranges, 1))) + 1);
}

/**
 * Per bucket of 2^`shift` tokens (bucket b: tokens b·2^shift to (b+1)·2^shift − 1): the range
 * that owns every token of the bucket when no range ends inside it before its last token (≥ 0);
 * otherwise −1 − the first range ending at or after the bucket's start, where a scan begins.
 */
function bucketIndex(tokens: Float64Array, shift: number): Int32Array {
  const count = 2 ** (32 - shift);
  const width = 2 ** shift;
  const buckets = new Int32Array(count);
  let i = 0;
  for (let b = 0; b < count; b++) {
    const start = b * width;
    while (i < tokens.length && tokens[i] < start) i++;
    if (i === tokens.length) buckets[b] = 0;
    else if (tokens[i] >= start + width - 1) buckets[b] = i;
    else buckets[b] = -1 - i;
  }
  return buckets;
}
