import type { Source } from "../../../engine/random-streams.js";
import { avoidPosition, eligiblePosition } from "./avoid-position.js";
import type { Balancer, PickContext } from "./balancer.js";

/**
 * Power of two choices: two distinct candidates drawn uniformly at random (never `avoid` when
 * another exists), and of those the one with fewer requests outstanding from this client, ties
 * at random. With three candidates of distinct loads the best wins 2/3 of picks, the middle 1/3
 * and the worst never.
 */
export class ChoiceOfTwoBalancer implements Balancer {
  readonly #source: Source;

  constructor(source: Source) {
    this.#source = source;
  }

  pick(candidates: readonly number[], ctx: PickContext, avoid: number): number {
    const skip = avoidPosition(candidates, avoid);
    const eligible = skip >= 0 ? candidates.length - 1 : candidates.length;
    if (eligible === 1) return candidates[eligiblePosition(0, skip)];
    const first = Math.floor(this.#source() * eligible);
    let second = Math.floor(this.#source() * (eligible - 1));
    if (second >= first) second++;
    const a = candidates[eligiblePosition(first, skip)];
    const b = candidates[eligiblePosition(second, skip)];
    // The ordered pair is uniform, so on a tie the first is already a fair coin between the two.
    return ctx.outstanding[b] < ctx.outstanding[a] ? b : a;
  }
}
