import type { Source } from "../engine/random-streams.js";

/**
 * Chooses which server a client sends a request to. The client stack's seam: later policies
 * (round robin, least outstanding, choice of two, weighted choice of n) implement the same.
 */
export interface Balancer {
  /** One of `candidates` (node indices, never empty). */
  pick(candidates: readonly number[]): number;
}

/** Uniformly random choice. */
export class RandomBalancer implements Balancer {
  readonly #source: Source;

  constructor(source: Source) {
    this.#source = source;
  }

  pick(candidates: readonly number[]): number {
    return candidates[Math.floor(this.#source() * candidates.length)];
  }
}
