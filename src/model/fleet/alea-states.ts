import { ALEA_WORDS, aleaNext, aleaSeed } from "../../engine/alea.js";

const WORDS = ALEA_WORDS;

/**
 * Many Alea generators in one Float64Array, 32 bytes each: stream i seeded with `seed(i, …)`
 * draws exactly what `streamFor(rootSeed, name)` draws (seedrandom's Alea, seeded by the same
 * Mash of the same key), without an object, a closure or a name kept per stream.
 */
export class AleaStates {
  readonly #state: Float64Array;

  constructor(count: number) {
    this.#state = new Float64Array(count * WORDS);
  }

  /** Streams held. */
  get count(): number {
    return this.#state.length / WORDS;
  }

  /** Seeds stream `index` as `streamFor(rootSeed, name)` is seeded. */
  seed(index: number, rootSeed: number, name: string): void {
    aleaSeed(this.#state, index * WORDS, rootSeed, name);
  }

  /** The next uniform double in [0, 1) of stream `index`. */
  next(index: number): number {
    return aleaNext(this.#state, index * WORDS);
  }
}
