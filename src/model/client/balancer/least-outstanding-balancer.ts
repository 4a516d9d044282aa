import type { Source } from "../../../engine/random-streams.js";
import { avoidPosition } from "./avoid-position.js";
import type { Balancer, PickContext } from "./balancer.js";

/**
 * The candidate (other than `avoid`) with the fewest requests outstanding from this client, ties
 * broken uniformly at random (one draw per tie met during the scan, none without ties).
 */
export class LeastOutstandingBalancer implements Balancer {
  readonly #source: Source;

  constructor(source: Source) {
    this.#source = source;
  }

  pick(candidates: readonly number[], ctx: PickContext, avoid: number): number {
    const skip = avoidPosition(candidates, avoid);
    let best = -1;
    let bestLoad = Number.POSITIVE_INFINITY;
    let ties = 0;
    for (let i = 0; i < candidates.length; i++) {
      if (i === skip) continue;
      const load = ctx.outstanding[candidates[i]];
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
        ties = 1;
      } else if (load === bestLoad) {
        // Reservoir sampling of size one: the k-th tie replaces the choice with probability 1/k,
        // so every tied candidate ends up chosen with equal probability.
        ties++;
        if (this.#source() * ties < 1) best = i;
      }
    }
    return candidates[best];
  }
}
