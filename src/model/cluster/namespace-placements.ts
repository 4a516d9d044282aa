import type { TokenRing } from "../ring/token-ring.js";

const NONE: readonly number[] = [];

/**
 * Where each namespace's keys live: in every region (placement 0, the ring's own replicas), or
 * only in the regions it lists (e.g. 2 of 4 regions). A placement restricts each range's replicas
 * to those regions; the token ring is shared. Namespaces listing the same regions share one
 * placement, so memory grows with the distinct lists, not with namespaces.
 */
export class NamespacePlacements {
  /** Placement of each namespace (0: every region). */
  readonly ofNamespace: Int32Array;
  /** Placements, the everywhere one included. */
  readonly count: number;
  /** Per placement: the regions holding it, in the order listed (placement 0: all). */
  readonly regions: readonly (readonly number[])[];
  /** Per placement, per region: whether the region holds it. */
  readonly #holds: readonly Uint8Array[];
  /** Per placement ≥ 1, per range: replicas per region (none outside its regions), and all of them. */
  readonly #byRegion: (readonly (readonly number[])[])[][];
  readonly #replicas: (readonly number[])[][];
  readonly #ring: TokenRing;

  /** `namespaceRegions[n]`: the region indices namespace n lives in (undefined: every region). */
  constructor(ring: TokenRing, regionCount: number, namespaceRegions: readonly (readonly number[] | undefined)[]) {
    this.#ring = ring;
    const all = Array.from({ length: regionCount }, (_, r) => r);
    const lists: (readonly number[])[] = [all];
    const keys = [""];
    this.ofNamespace = Int32Array.from(namespaceRegions, (regions) => {
      if (regions === undefined) return 0;
      for (const r of regions) if (!(Number.isInteger(r) && r >= 0 && r < regionCount)) throw new RangeError(`no region ${r} (of ${regionCount})`);
      const key = regions.join(",");
      let p = keys.indexOf(key);
      if (p < 0) {
        p = keys.push(key) - 1;
        lists.push([...regions]);
      }
      return p;
    });
    this.count = lists.length;
    this.regions = lists;
    this.#holds = lists.map((list) => {
      const holds = new Uint8Array(regionCount);
      for (const r of list) holds[r] = 1;
      return holds;
    });
    this.#byRegion = lists.map(() => []);
    this.#replicas = lists.map(() => []);
    for (let p = 1; p < lists.length; p++) {
      const holds = this.#holds[p];
      for (let range = 0; range < ring.rangeCount; range++) {
        const byRegion = ring.replicasByRegion[range].map((members, r) => (holds[r] ? members : NONE));
        this.#byRegion[p].push(byRegion);
        this.#replicas[p].push(byRegion.flat());
      }
    }
  }

  /** Whether region `region` holds placement `p`. */
  holds(p: number, region: number): boolean {
    return this.#holds[p][region] === 1;
  }

  /**
   * Coordinators for placement `p` ≥ 1 from a client in `region`, given the nodes not known down
   * per region: the client's own region's when it holds the keys (and is not `evacuated`);
   * otherwise the first region listed that holds them and has such nodes; none when none has.
   */
  coordinators(p: number, region: number, upInRegion: readonly (readonly number[])[], evacuated: boolean): readonly number[] {
    if (this.#holds[p][region] === 1 && !evacuated) return upInRegion[region];
    for (const r of this.regions[p]) if (r !== region && upInRegion[r].length > 0) return upInRegion[r];
    return NONE;
  }

  /** Placement `p`'s replicas of `range`, per region (none in the regions outside it). */
  replicasByRegion(p: number, range: number): readonly (readonly number[])[] {
    return p === 0 ? this.#ring.replicasByRegion[range] : this.#byRegion[p][range];
  }

  /** Placement `p`'s replicas of `range`, all regions. */
  replicas(p: number, range: number): readonly number[] {
    return p === 0 ? this.#ring.replicas[range] : this.#replicas[p][range];
  }
}
