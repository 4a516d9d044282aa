import type { ServerNode } from "../server/server-node.js";
import type { ReplicaGroup } from "./consistency.js";
import { proximityTiers } from "./proximity-tiers.js";
import type { TargetList } from "./target-list.js";

/**
 * Where a coordinator sends a read: in each replica group, the `needed` live members nearest it
 * (itself, then its zone, then its region, then elsewhere). Equally near members take turns by
 * request id, so they share the load. The tiers are worked out once per key and laid out in one
 * flat array: per group its tier count, then per tier its size and its members, so a request
 * touches one cache line, not three nested arrays.
 *
 * A plan depends on the coordinator only through its zone and, when it holds a replica of the
 * range, which one it is. So the key is (placement, range, slot), with a slot per replica of
 * the range and one per zone for the other coordinators: the table grows with ranges × (replicas
 * + zones), linearly in the cluster, not with ranges × nodes (nodes² × vnodes).
 */
export class ReadPlans {
  readonly #nodes: readonly ServerNode[];
  /** Each node's zone, flat: read on every read request. */
  readonly #zoneOf: Int32Array;
  readonly #replicas: readonly (readonly number[])[];
  readonly #slots: number;
  readonly #maxReplicas: number;
  readonly #ranges: number;
  #plans = new Int32Array(4096);
  #plansUsed = 0;
  /** Start of each key's plan in #plans; −1 until first used. */
  readonly #planAt: Int32Array;

  /**
   * `replicas`: every replica of each range, in all regions (a placement's groups are drawn from
   * them); `zones`: how many zones the topology has.
   */
  constructor(nodes: readonly ServerNode[], replicas: readonly (readonly number[])[], zones: number, placements = 1) {
    this.#nodes = nodes;
    this.#zoneOf = Int32Array.from(nodes, (n) => n.place.zone);
    this.#replicas = replicas;
    this.#ranges = replicas.length;
    this.#maxReplicas = replicas.reduce((most, r) => Math.max(most, r.length), 0);
    this.#slots = this.#maxReplicas + zones;
    this.#planAt = new Int32Array(placements * this.#ranges * this.#slots).fill(-1);
  }

  /** Entries of the plan table for this many ranges, replicas per range, zones and placements. */
  static tableSize(ranges: number, replicasPerRange: number, zones: number, placements = 1): number {
    return placements * ranges * (replicasPerRange + zones);
  }

  /** Fills `targets` (cleared first) with the read's targets and returns it. */
  targets(placement: number, range: number, coordinator: number, groups: readonly ReplicaGroup[], turn: number, targets: TargetList): TargetList {
    const replicas = this.#replicas[range];
    let slot = this.#maxReplicas + this.#zoneOf[coordinator];
    for (let i = 0; i < replicas.length; i++) {
      if (replicas[i] === coordinator) {
        slot = i;
        break;
      }
    }
    const key = (placement * this.#ranges + range) * this.#slots + slot;
    let at = this.#planAt[key];
    if (at < 0) at = this.#add(key, coordinator, groups);
    const plan = this.#plans;
    const nodes = this.#nodes;
    targets.clear();
    for (let g = 0; g < groups.length; g++) {
      const needed = groups[g].needed;
      let have = 0;
      if (g > 0) for (const m of groups[g].members) if (targets.has(m)) have++;
      const tiers = plan[at++];
      for (let t = 0; t < tiers; t++) {
        const k = plan[at++];
        if (have < needed) {
          let i = k === 1 ? 0 : turn % k;
          for (let n = 0; n < k && have < needed; n++, i = i + 1 === k ? 0 : i + 1) {
            const m = plan[at + i];
            if ((m !== coordinator && nodes[m].knownDown) || targets.has(m)) continue;
            targets.add(m);
            have++;
          }
        }
        at += k;
      }
    }
    return targets;
  }

  /** Lays out the plan of `key` at the end of the flat array. */
  #add(key: number, coordinator: number, groups: readonly ReplicaGroup[]): number {
    const words: number[] = [];
    for (const g of groups) {
      const tiers = proximityTiers(this.#nodes, coordinator, g.members);
      words.push(tiers.length);
      for (const tier of tiers) words.push(tier.length, ...tier);
    }
    if (this.#plansUsed + words.length > this.#plans.length) {
      const bigger = new Int32Array(Math.max(this.#plans.length * 2, this.#plansUsed + words.length));
      bigger.set(this.#plans);
      this.#plans = bigger;
    }
    const at = this.#plansUsed;
    this.#plans.set(words, at);
    this.#plansUsed += words.length;
    this.#planAt[key] = at;
    return at;
  }
}
