import type { ReplicaGroup } from "./consistency.js";

/**
 * The replica groups a consistency level needs, and the range's replicas, for every (placement,
 * read or write, coordinator region, range), laid out flat at a fixed stride: a request reads its
 * entry from one or two cache lines, where arrays of group objects holding member arrays were
 * four or five cold objects per request at thousands of ranges.
 *
 * Entry `e` starts at `e × stride`: `words[at]` = groups + 1 (0: not laid out yet); per group its `needed`, its size
 * and its members; then the replica count and the replicas (every region of the placement).
 */
export class GroupTable {
  readonly words: Int32Array;
  /** Words per entry. */
  readonly stride: number;

  /** `maxReplicas`: most replicas a range has, all regions; the most groups is one per region. */
  constructor(
    entries: number,
    regions: number,
    readonly maxReplicas: number,
  ) {
    this.stride = 2 + 2 * Math.max(regions, 1) + 2 * maxReplicas;
    this.words = new Int32Array(entries * this.stride);
  }
}

/** Writes `groups` and `replicas` at `at` in the layout of `GroupTable`; returns the words used. */
export function layGroups(words: Int32Array, at: number, groups: readonly ReplicaGroup[], replicas: readonly number[]): number {
  let w = at;
  words[w++] = groups.length + 1;
  for (const g of groups) {
    words[w++] = g.needed;
    words[w++] = g.members.length;
    for (const m of g.members) words[w++] = m;
  }
  words[w++] = replicas.length;
  for (const m of replicas) words[w++] = m;
  return w - at;
}

/** `groups` and `replicas` alone in a table of their own, at offset 0 (for tests and one-off rounds). */
export function flatGroups(groups: readonly ReplicaGroup[], replicas: readonly number[] = []): Int32Array {
  const words = new Int32Array(2 + 2 * groups.length + groups.reduce((n, g) => n + g.members.length, 0) + replicas.length);
  layGroups(words, 0, groups, replicas);
  return words;
}

/** Offset of the replica count of the entry at `at` (its replicas follow). */
export function replicasAt(words: Int32Array, at: number): number {
  let w = at + 1;
  for (let g = words[at] - 1; g > 0; g--) w += 2 + words[w + 1];
  return w;
}

/** Whether node `x` is a member of the group whose `needed` is at `g`. */
export function inGroup(words: Int32Array, g: number, x: number): boolean {
  const end = g + 2 + words[g + 1];
  for (let i = g + 2; i < end; i++) if (words[i] === x) return true;
  return false;
}
