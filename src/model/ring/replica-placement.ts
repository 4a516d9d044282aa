/** Scratch marks for `placeReplicas`, one per node and one per zone; left cleared after each call. */
export interface PlacementScratch {
  readonly chosen: Uint8Array;
  readonly zoneUsed: Uint8Array;
}

export function placementScratch(nodes: number, zones: number): PlacementScratch {
  return { chosen: new Uint8Array(nodes), zoneUsed: new Uint8Array(zones) };
}

/**
 * A range's replicas, as Cassandra's NetworkTopologyStrategy places them: walking the ring
 * clockwise from range `start`'s owner, the first nodes of distinct zones, then, when there are
 * fewer zones than copies, the next distinct nodes. Only nodes of `region` count (−1: all).
 * Fills `into` (up to its length) and returns how many were placed.
 */
export function placeReplicas(
  owners: Int32Array,
  start: number,
  zoneOf: ArrayLike<number>,
  regionOf: ArrayLike<number> | undefined,
  region: number,
  into: Int32Array,
  scratch: PlacementScratch,
): number {
  const { chosen, zoneUsed } = scratch;
  const wanted = into.length;
  let taken = 0;
  // First pass: distinct zones; second pass (only when zones run out): any node not yet taken.
  for (let pass = 0; pass < 2 && taken < wanted; pass++) {
    for (let step = 0; step < owners.length && taken < wanted; step++) {
      const node = owners[(start + step) % owners.length];
      if (regionOf !== undefined && regionOf[node] !== region) continue;
      const zone = zoneOf[node];
      if (chosen[node] || (pass === 0 && zoneUsed[zone])) continue;
      chosen[node] = 1;
      zoneUsed[zone] = 1;
      into[taken++] = node;
    }
  }
  for (let i = 0; i < taken; i++) {
    chosen[into[i]] = 0;
    zoneUsed[zoneOf[into[i]]] = 0;
  }
  return taken;
}
