import type { Source } from "../../../engine/random-streams.js";
import { avoidPosition, eligiblePosition } from "./avoid-position.js";
import type { Balancer, PickContext } from "./balancer.js";

/** Uniformly random choice among the candidates other than `avoid`; one draw per pick (none when only one is eligible). */
export class RandomBalancer implements Balancer {
  readonly #source: Source;

  constructor(source: Source) {
    this.#source = source;
  }

  pick(candidates: readonly number[], _ctx: PickContext, avoid: number): number {
    const skip = avoidPosition(candidates, avoid);
    const eligible = skip >= 0 ? candidates.length - 1 : candidates.length;
    if (eligible === 1) return candidates[eligiblePosition(0, skip)];
    return candidates[eligiblePosition(Math.floor(this.#source() * eligible), skip)];
  }
}
