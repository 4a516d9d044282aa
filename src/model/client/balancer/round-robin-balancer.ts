import type { Source } from "../../../engine/random-streams.js";
import type { Balancer, PickContext } from "./balancer.js";

/**
 * Cycles through the candidates in their given order, starting at a position drawn once from the
 * source (so clients spread out rather than all starting at the same node). Skipping `avoid` moves
 * the cycle on past it; if the candidate list changes, the cycle continues at the same position
 * modulo its new length.
 */
export class RoundRobinBalancer implements Balancer {
  #next: number;

  constructor(source: Source) {
    // Any whole number works: it is reduced modulo the candidate count at each pick.
    this.#next = Math.floor(source() * 2 ** 32);
  }

  pick(candidates: readonly number[], _ctx: PickContext, avoid: number): number {
    const n = candidates.length;
    let i = this.#next % n;
    if (candidates[i] === avoid && n > 1) i = (i + 1) % n;
    this.#next = i + 1;
    return candidates[i];
  }
}
