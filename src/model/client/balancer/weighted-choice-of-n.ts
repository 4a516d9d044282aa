import type { Source } from "../../../engine/random-streams.js";
import { avoidPosition } from "./avoid-position.js";
import type { Balancer, PickContext } from "./balancer.js";
import { ReplicaFirstSample } from "./replica-first-sample.js";

/** Parameters of {@link WeightedChoiceOfN}. */
export interface WeightedChoiceOptions {
  /** Candidates sampled per pick (whole, ≥ 1); all of them when fewer are eligible. */
  readonly n: number;
  /** Score factor (≥ 1) for a node in another zone than the client. */
  readonly crossZonePenalty: number;
  /** Score factor (≥ 1) for a node that holds no replica of the key (it must forward the request). */
  readonly nonReplicaPenalty: number;
  /** Exponent (≥ 0) on the node's health penalty: 0 ignores health, 1 counts it as a queue factor. */
  readonly unhealthyWeight: number;
}

/**
 * Defaults for {@link WeightedChoiceOfN}. A score is (outstanding + 1) × penalties, so with equal
 * queues a local replica (score 1) beats a cross-zone replica or a local non-replica (2) and a
 * cross-zone non-replica (4): traffic stays in the client's zone and on replicas. The penalties are
 * finite, so traffic spills once the local replica's queue grows: a local replica with 3
 * outstanding loses to a cross-zone replica with 0, since (3 + 1)·1 > (0 + 1)·2; in general it
 * loses once its queue k_local > 2·k_remote + 1. A node with health penalty 2 counts as if its
 * queue were twice as long. n = 3 keeps each pick O(1) while, like choice of two, steering away
 * from long queues. The key's replicas among the candidates are always in the sample (token
 * awareness), so the local replica is always weighed.
 */
export const WEIGHTED_CHOICE_DEFAULTS: WeightedChoiceOptions = {
  n: 3,
  crossZonePenalty: 2,
  nonReplicaPenalty: 2,
  unhealthyWeight: 1,
};

function checkOptions({ n, crossZonePenalty, nonReplicaPenalty, unhealthyWeight }: WeightedChoiceOptions): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`weighted choice: n must be a whole number >= 1, got ${n}`);
  for (const [name, value] of [["crossZonePenalty", crossZonePenalty], ["nonReplicaPenalty", nonReplicaPenalty]] as const) {
    if (!(Number.isFinite(value) && value >= 1)) throw new RangeError(`weighted choice: ${name} must be >= 1, got ${value}`);
  }
  if (!(Number.isFinite(unhealthyWeight) && unhealthyWeight >= 0)) {
    throw new RangeError(`weighted choice: unhealthyWeight must be >= 0, got ${unhealthyWeight}`);
  }
}

/**
 * Samples the key's replicas among the candidates and random others, n in all (more when there are
 * more replicas), never `avoid` when another exists, and picks the lowest score
 * (outstanding + 1) × (other zone ? crossZonePenalty : 1) × (not a replica ? nonReplicaPenalty : 1)
 * × health^unhealthyWeight, ties at random. Draws n times to sample (not at all when every
 * eligible candidate is scored) plus once per tie.
 */
export class WeightedChoiceOfN implements Balancer {
  readonly options: WeightedChoiceOptions;
  readonly #source: Source;
  /** The key's replicas and a uniform sample of the other candidates, drawn per pick. */
  readonly #sample = new ReplicaFirstSample();

  constructor(source: Source, options: Partial<WeightedChoiceOptions> = {}) {
    // Field by field, so a wider config object (or one with undefined fields) can be passed as is.
    const d = WEIGHTED_CHOICE_DEFAULTS;
    this.options = {
      n: options.n ?? d.n,
      crossZonePenalty: options.crossZonePenalty ?? d.crossZonePenalty,
      nonReplicaPenalty: options.nonReplicaPenalty ?? d.nonReplicaPenalty,
      unhealthyWeight: options.unhealthyWeight ?? d.unhealthyWeight,
    };
    checkOptions(this.options);
    this.#source = source;
  }

  /** The score of `node` for this pick: lower is better, ≥ 1 for a healthy idle local replica. */
  score(node: number, ctx: PickContext): number {
    const { crossZonePenalty, nonReplicaPenalty, unhealthyWeight } = this.options;
    let score = ctx.outstanding[node] + 1;
    if (ctx.nodeZone[node] !== ctx.clientZone) score *= crossZonePenalty;
    if (!ctx.replicas.includes(node)) score *= nonReplicaPenalty;
    if (unhealthyWeight !== 0) score *= ctx.health[node] ** unhealthyWeight;
    return score;
  }

  pick(candidates: readonly number[], ctx: PickContext, avoid: number): number {
    const skip = avoidPosition(candidates, avoid);
    const eligible = skip >= 0 ? candidates.length - 1 : candidates.length;
    const sampled = this.#sample.take(candidates, ctx.replicas, eligible, skip, this.options.n, this.#source);
    const positions = this.#sample.positions;
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    let ties = 0;
    for (let k = 0; k < sampled; k++) {
      const position = positions[k];
      const score = this.score(candidates[position], ctx);
      if (score < bestScore) {
        best = position;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore) {
        // Reservoir sampling of size one: each tied candidate is kept with equal probability.
        ties++;
        if (this.#source() * ties < 1) best = position;
      }
    }
    return candidates[best];
  }
}
