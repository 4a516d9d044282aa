import type { Source } from "../../engine/random-streams.js";
import type { Topology } from "../topology.js";

const TOKEN_SPACE = 4294967296; // tokens are unsigned 32-bit

/** A key's token: a fixed 32-bit mix of its index, so every run places keys alike. */
export function keyToken(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The token ring: each node owns `vnodes` random tokens; a token range runs from one token
 * (exclusive) to the next (inclusive). A range's replicas are found per region by walking the
 * ring clockwise from it and taking that region's nodes, preferring zones not yet used
 * (as Cassandra's NetworkTopologyStrategy does), until the region's replication factor is met.
 */
export class TokenRing {
  /** Sorted range end tokens; range i covers (tokens[i − 1], tokens[i]], range 0 wraps around. */
  readonly tokens: Float64Array;
  /** Replica node indices of each range, all regions, nearest-on-the-ring first per region. */
  readonly replicas: readonly (readonly number[])[];
  /** Per range and region, the replica node indices in that region. */
  readonly replicasByRegion: readonly (readonly (readonly number[])[])[];

  constructor(topology: Topology, vnodes: number, source: Source) {
    const entries: Array<{ token: number; node: number }> = [];
    const used = new Set<number>();
    for (const node of topology.nodes) {
      for (let v = 0; v < vnodes; v++) {
        let token: number;
        do token = Math.floor(source() * TOKEN_SPACE);
        while (used.has(token));
        used.add(token);
        entries.push({ token, node: node.index });
      }
    }
    entries.sort((a, b) => a.token - b.token);
    this.tokens = Float64Array.from(entries, (e) => e.token);
    const owners = entries.map((e) => e.node);
    const replicasByRegion: number[][][] = [];
    for (let i = 0; i < owners.length; i++) {
      replicasByRegion.push(
        topology.regionNames.map((_, r) => pickRegionReplicas(topology, owners, i, r, topology.replicationFactor[r])),
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

function pickRegionReplicas(topology: Topology, owners: number[], start: number, region: number, rf: number): number[] {
  const chosen: number[] = [];
  const zonesUsed = new Set<number>();
  const skipped: number[] = [];
  const zonesInRegion = new Set(topology.nodesInRegion[region].map((n) => topology.nodes[n].zone)).size;
  for (let step = 0; step < owners.length && chosen.length < rf; step++) {
    const node = owners[(start + step) % owners.length];
    const place = topology.nodes[node];
    if (place.region !== region || chosen.includes(node) || skipped.includes(node)) continue;
    if (zonesUsed.has(place.zone) && zonesUsed.size < zonesInRegion) {
      skipped.push(node); // a node in a zone already used waits until every zone has a copy
      continue;
    }
    chosen.push(node);
    zonesUsed.add(place.zone);
    // Every zone has a copy now: the nodes passed over come next, nearest first.
    if (zonesUsed.size === zonesInRegion) while (skipped.length > 0 && chosen.length < rf) chosen.push(skipped.shift()!);
  }
  for (const node of skipped) if (chosen.length < rf) chosen.push(node);
  return chosen;
}
