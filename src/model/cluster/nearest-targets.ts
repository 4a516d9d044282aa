import type { TargetList } from "./target-list.js";

/**
 * Where a coordinator sends a read: in each replica group, the `needed` live members nearest it
 * (itself, then its zone, then its region, then elsewhere; equally near ones in the group's
 * order). Equally near members take turns by request id, so they share the load.
 *
 * Worked out per request from the nodes' zones and regions (flat arrays of a few KiB, kept warm
 * by every request) and the group's entry the request has just read: a table of plans per
 * (range, coordinator) cost two more cold cache lines per read at thousands of ranges.
 */
export class NearestTargets {
  readonly #zoneOf: Int32Array;
  readonly #regionOf: Int32Array;
  /** Scratch: each member's tier (0: the coordinator … 3: elsewhere), and one tier's members. */
  readonly #tierOf: Int32Array;
  readonly #tier: Int32Array;

  /** `maxMembers`: the largest group's size. */
  constructor(zoneOf: Int32Array, regionOf: Int32Array, maxMembers: number) {
    this.#zoneOf = zoneOf;
    this.#regionOf = regionOf;
    this.#tierOf = new Int32Array(maxMembers);
    this.#tier = new Int32Array(maxMembers);
  }

  /**
   * Fills `targets` (cleared first) with the read's targets and returns it: for the groups of the
   * entry at `at` of `groups` (see `GroupTable`), skipping peers marked in `down` (the coordinator
   * itself always counts); `turn` picks who goes first among equally near members.
   */
  fill(groups: Int32Array, at: number, coordinator: number, down: Uint8Array, turn: number, targets: TargetList): TargetList {
    const zoneOf = this.#zoneOf;
    const regionOf = this.#regionOf;
    const tierOf = this.#tierOf;
    const tier = this.#tier;
    const zone = zoneOf[coordinator];
    const region = regionOf[coordinator];
    targets.clear();
    const count = groups[at] - 1;
    for (let g = 0, w = at + 1; g < count; g++, w += 2 + groups[w + 1]) {
      const needed = groups[w];
      const size = groups[w + 1];
      const first = w + 2;
      let have = 0;
      // A member another group already took counts here too.
      if (g > 0) for (let i = 0; i < size; i++) if (targets.has(groups[first + i])) have++;
      if (have >= needed) continue;
      for (let i = 0; i < size; i++) {
        const m = groups[first + i];
        tierOf[i] = m === coordinator ? 0 : zoneOf[m] === zone ? 1 : regionOf[m] === region ? 2 : 3;
      }
      for (let t = 0; t < 4 && have < needed; t++) {
        let k = 0;
        for (let i = 0; i < size; i++) if (tierOf[i] === t) tier[k++] = groups[first + i];
        if (k === 0) continue;
        let i = k === 1 ? 0 : turn % k;
        for (let n = 0; n < k && have < needed; n++, i = i + 1 === k ? 0 : i + 1) {
          const m = tier[i];
          if ((m !== coordinator && down[m] === 1) || targets.has(m)) continue;
          targets.add(m);
          have++;
        }
      }
    }
    return targets;
  }
}
