import { grown } from "../../engine/grown.js";
import type { Signal } from "../config.js";
import type { Hedger } from "./hedger.js";

/**
 * A client's attempts in flight per server: all of them (what balancers weigh) and those that are
 * not hedges (what the signalled concurrency caps). Hedges are capped by the hedger's own limiter.
 */
export class InFlight {
  /**
   * Attempts in flight per node, hedges included, for a balancer that weighs them (empty for one
   * that does not). Int32Array, half a Float64Array's bytes: at 768 nodes and clients, two per
   * client were 9 MiB of mostly cold lines.
   */
  readonly all: Int32Array;
  readonly #countsAll: boolean;
  readonly #normal: Int32Array;
  /**
   * How many nodes have each count of non-hedge attempts in flight (index: the count), and the
   * highest count with a node: while it is below a signal's concurrency no node is full, known
   * in O(1) instead of a look at every candidate on every attempt.
   */
  #nodesWith = new Int32Array(16);
  #highest = 0;

  /** `countsAll`: keep `all` (the balancer reads it). */
  constructor(nodes: number, countsAll = true) {
    this.#countsAll = countsAll;
    this.all = new Int32Array(countsAll ? nodes : 0);
    this.#normal = new Int32Array(nodes);
    this.#nodesWith[0] = nodes;
  }

  sent(node: number, hedge: boolean): void {
    if (this.#countsAll) this.all[node]++;
    if (hedge) return;
    const count = ++this.#normal[node];
    if (count >= this.#nodesWith.length) this.#grow();
    this.#nodesWith[count - 1]--;
    this.#nodesWith[count]++;
    if (count > this.#highest) this.#highest = count;
  }

  released(node: number, hedge: boolean): void {
    if (this.#countsAll) this.all[node]--;
    if (hedge) return;
    const count = --this.#normal[node];
    this.#nodesWith[count + 1]--;
    this.#nodesWith[count]++;
    while (this.#highest > 0 && this.#nodesWith[this.#highest] === 0) this.#highest--;
  }

  #grow(): void {
    this.#nodesWith = grown(this.#nodesWith, this.#nodesWith.length * 2);
  }

  /** The candidates an attempt may go to under the servers' signalled limits (allocates only when one is full). */
  eligible(candidates: readonly number[], signal: Signal, hedge: boolean, hedger: Hedger | undefined): readonly number[] {
    if (hedge && !hedger!.limited) return candidates; // without a limiter, hedges are not capped
    // The common case, no candidate full, checked without a closure per call.
    if (!hedge) {
      if (this.#highest < signal.concurrency) return candidates;
      const outstanding = this.#normal;
      const limit = signal.concurrency;
      let anyFull = false;
      for (let i = 0; i < candidates.length; i++) if (outstanding[candidates[i]] >= limit) anyFull = true;
      if (!anyFull) return candidates;
    }
    const full = (n: number) => (hedge ? hedger!.full(n, signal) : this.#normal[n] >= signal.concurrency);
    let anyFull = false;
    for (const n of candidates) if (full(n)) anyFull = true;
    return anyFull ? candidates.filter((n) => !full(n)) : candidates;
  }
}
