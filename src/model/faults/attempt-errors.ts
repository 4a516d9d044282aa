import type { RandomStreams, Source } from "../../engine/random-streams.js";
import { NO_CLASS } from "../request/error-class.js";

/** One error fault acting on a node: each attempt fails with `probability`, answered as class `errorClass`. */
export interface AttemptErrorSource {
  readonly probability: number;
  /** Index in ERROR_CLASSES. */
  readonly errorClass: number;
}

/**
 * Errors that fail each attempt a node coordinates (or, in pool mode, serves) independently,
 * at once, before any work: a throttle, a front end's error, a server that fails with
 * probability f. Several faults on one node are independent sources; one uniform draw per
 * attempt decides (the first source that fires gives the class). Each node draws from its own
 * stream, taken when a fault first acts on it: no fault, no draw.
 */
export class AttemptErrors {
  readonly #streams: RandomStreams;
  readonly #names: readonly string[];
  readonly #active: AttemptErrorSource[][];
  readonly #draws: Array<Source | undefined>;

  /** `names`: the nodes' ids, which name their streams (`faults/attempt-errors/<id>`). */
  constructor(streams: RandomStreams, names: readonly string[]) {
    this.#streams = streams;
    this.#names = names;
    this.#active = names.map(() => []);
    this.#draws = names.map(() => undefined);
  }

  /** `source` starts failing attempts at node `node`. */
  start(node: number, source: AttemptErrorSource): void {
    if (!(source.probability >= 0 && source.probability <= 1)) throw new RangeError(`error probability must be in [0, 1], got ${source.probability}`);
    this.#draws[node] ??= this.#streams.stream(`faults/attempt-errors/${this.#names[node]}`);
    this.#active[node].push(source);
  }

  /** `source` stops (the same object `start` was given). */
  stop(node: number, source: AttemptErrorSource): void {
    const list = this.#active[node];
    const i = list.indexOf(source);
    if (i >= 0) list.splice(i, 1);
  }

  /** The class index of the error that fails an attempt at node `node` now, or NO_CLASS. */
  draw(node: number): number {
    const list = this.#active[node];
    if (list.length === 0) return NO_CLASS;
    const u = this.#draws[node]!();
    // Independent sources: source i fires on the part of [0, 1) the earlier ones left, scaled by its probability.
    let fired = 0;
    for (const s of list) {
      fired += (1 - fired) * s.probability;
      if (u < fired) return s.errorClass;
    }
    return NO_CLASS;
  }
}
