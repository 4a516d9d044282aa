import type { Source } from "../../../engine/random-streams.js";
import { eligiblePosition } from "./avoid-position.js";

/**
 * The sample a token-aware pick weighs: every eligible replica of the key first (in candidate
 * order), then a uniform sample of the other eligible candidates, `wanted` entries in all.
 *
 * Defined as: lay the eligible positions out as [replicas in order | the others in reverse
 * order], then run a partial Fisher–Yates shuffle over the others up to `wanted`. The dense way
 * costs O(candidates) per pick: at 768 nodes a look at all of them for a sample of three.
 * On sorted candidates (the cluster's lists are in node order) the same draws give the same
 * sample in O(wanted × replicas): the replicas are found by binary search, the i-th "other" is
 * computed from their positions, and the shuffle keeps only the entries it moved.
 */
export class ReplicaFirstSample {
  /** The sample: positions in `candidates`. */
  positions = new Int32Array(16);
  /** How many of the sample's first entries are replicas of the key. */
  replicas = 0;
  /** Eligible indices (0-based, past the skipped position) of the replicas, ascending. */
  #replicaIndex = new Int32Array(8);
  /** The shuffle's moved entries: index → value, a few at most. */
  #movedAt = new Int32Array(16);
  #movedValue = new Int32Array(16);
  #moved = 0;
  #lastCandidates: readonly number[] | undefined;
  #lastSorted = false;

  /**
   * Fills `positions[0 .. wanted)` where wanted = min(eligible, max(n, replicas)), drawing from
   * `source` exactly as the dense layout would. Returns wanted.
   */
  take(candidates: readonly number[], replicas: readonly number[], eligible: number, skip: number, n: number, source: Source): number {
    if (this.positions.length < Math.max(n, replicas.length)) this.positions = new Int32Array(2 * Math.max(n, replicas.length));
    return this.#isSorted(candidates) && eligible > 0
      ? this.#sparse(candidates, replicas, eligible, skip, n, source)
      : this.#dense(candidates, replicas, eligible, skip, n, source);
  }

  #isSorted(candidates: readonly number[]): boolean {
    if (candidates === this.#lastCandidates) return this.#lastSorted;
    let sorted = true;
    for (let i = 1; i < candidates.length && sorted; i++) if (candidates[i] <= candidates[i - 1]) sorted = false;
    this.#lastCandidates = candidates;
    this.#lastSorted = sorted;
    return sorted;
  }

  #dense(candidates: readonly number[], replicas: readonly number[], eligible: number, skip: number, n: number, source: Source): number {
    if (this.positions.length < eligible) this.positions = new Int32Array(Math.max(eligible, 2 * this.positions.length));
    const scratch = this.positions;
    let front = 0;
    let back = eligible;
    for (let k = 0; k < eligible; k++) {
      const position = eligiblePosition(k, skip);
      if (replicas.includes(candidates[position])) scratch[front++] = position;
      else scratch[--back] = position;
    }
    this.replicas = front;
    const wanted = Math.min(eligible, Math.max(n, front));
    for (let k = front; k < wanted; k++) {
      const j = k + Math.floor(source() * (eligible - k));
      const swap = scratch[k];
      scratch[k] = scratch[j];
      scratch[j] = swap;
    }
    return wanted;
  }

  #sparse(candidates: readonly number[], replicas: readonly number[], eligible: number, skip: number, n: number, source: Source): number {
    if (this.#replicaIndex.length < replicas.length) this.#replicaIndex = new Int32Array(2 * replicas.length);
    const index = this.#replicaIndex;
    let front = 0;
    for (let r = 0; r < replicas.length; r++) {
      const position = binarySearch(candidates, replicas[r]);
      if (position < 0 || position === skip) continue;
      // Insertion into the ascending list (a handful of replicas).
      let k = front++;
      const eligibleIndex = skip >= 0 && position > skip ? position - 1 : position;
      while (k > 0 && index[k - 1] > eligibleIndex) {
        index[k] = index[k - 1];
        k--;
      }
      index[k] = eligibleIndex;
    }
    const out = this.positions;
    for (let k = 0; k < front; k++) out[k] = eligiblePosition(index[k], skip);
    this.replicas = front;
    const wanted = Math.min(eligible, Math.max(n, front));
    if (this.#movedAt.length < 2 * wanted) {
      this.#movedAt = new Int32Array(4 * wanted);
      this.#movedValue = new Int32Array(4 * wanted);
    }
    this.#moved = 0;
    for (let k = front; k < wanted; k++) {
      const j = k + Math.floor(source() * (eligible - k));
      const atK = this.#valueAt(k, front, eligible, skip);
      const atJ = this.#valueAt(j, front, eligible, skip);
      this.#set(j, atK);
      out[k] = atJ; // index k is never read again
    }
    return wanted;
  }

  /** The entry at `i` (≥ front) of the dense layout, after the moves made so far. */
  #valueAt(i: number, front: number, eligible: number, skip: number): number {
    for (let m = 0; m < this.#moved; m++) if (this.#movedAt[m] === i) return this.#movedValue[m];
    // The others fill the layout from its end: index eligible − 1 − r holds the r-th other (by
    // eligible index, ascending): its eligible index is r plus the replicas at or before it.
    let e = eligible - 1 - i;
    const index = this.#replicaIndex;
    for (let k = 0; k < front && index[k] <= e; k++) e++;
    return eligiblePosition(e, skip);
  }

  #set(i: number, value: number): void {
    for (let m = 0; m < this.#moved; m++) {
      if (this.#movedAt[m] === i) {
        this.#movedValue[m] = value;
        return;
      }
    }
    this.#movedAt[this.#moved] = i;
    this.#movedValue[this.#moved++] = value;
  }
}

/** Position of `value` in the ascending `sorted`, or −1. */
function binarySearch(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
