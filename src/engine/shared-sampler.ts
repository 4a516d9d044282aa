import { aleaNext } from "./alea.js";
import type { DistributionSpec } from "./distribution-spec.js";
import { makeSampler } from "./sampler.js";

const NO_STATE = new Float64Array(4);

/**
 * One sampler of a distribution for every component that draws from it, each on its own stream:
 * a draw points the sampler at the caller's stream state first. Samplers keep no state between
 * draws besides their stream's, so each component draws exactly what a sampler of its own would.
 *
 * Why: a sampler of its own per node is a closure, its context, its source's closure and context,
 * five small objects in as many cache lines. At 768 nodes every one is cold when a service starts;
 * a shared sampler is always in cache, and a draw touches only the stream's own words.
 */
export class SharedSampler {
  #state: Float64Array = NO_STATE;
  #at = 0;
  readonly #draw: () => number;

  constructor(spec: DistributionSpec) {
    this.#draw = makeSampler(spec, () => aleaNext(this.#state, this.#at));
  }

  /** A draw on the stream whose state starts at `state[at]` (see RandomStreams.block). */
  drawFrom(state: Float64Array, at: number): number {
    this.#state = state;
    this.#at = at;
    return this.#draw();
  }
}

/**
 * One SharedSampler per spec object (a node config's cpu or disk spec is one object for every
 * node), remade if the object's values changed since. Weak: a spec is dropped with its run.
 */
const shared = new WeakMap<object, { values: string; sampler: SharedSampler }>();

/** The SharedSampler of `spec`; throws RangeError on bad params, as makeSampler does. */
export function sharedSampler(spec: DistributionSpec): SharedSampler {
  const values = JSON.stringify(spec);
  let entry = shared.get(spec);
  if (entry === undefined || entry.values !== values) {
    entry = { values, sampler: new SharedSampler(spec) };
    shared.set(spec, entry);
  }
  return entry.sampler;
}
