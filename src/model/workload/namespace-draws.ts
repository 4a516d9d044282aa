import { ALEA_WORDS, aleaNext } from "../../engine/alea.js";
import type { StreamBlock } from "../../engine/random-streams.js";
import { sharedSampler, type SharedSampler } from "../../engine/shared-sampler.js";
import { OPS, type NamespaceConfig } from "../config.js";
import { keyChooser } from "./key-chooser.js";
import { pickIndex } from "./open-loop-arrivals.js";

/** A namespace's streams in a client's block, in this order, from `at`. */
const OP_STREAM = 0;
const KEY_STREAM = 1;
const SIZE_STREAM = 2;

/**
 * What one client draws for each request to one namespace: its op (by the mix), its key (by
 * popularity), its value size. Its three streams lie side by side in the client's block, and the
 * size sampler is the one every client of the namespace shares (see SharedSampler): a request
 * touches the client's own words and nothing else that is cold.
 */
export class NamespaceDraws {
  readonly #state: Float64Array;
  readonly #at: number;
  readonly #cumulativeMix: readonly number[];
  /** Keys drawn uniformly from 0..count−1; 0 when a zipf chooser draws them. */
  readonly #uniformKeys: number;
  readonly #zipfKey: (() => number) | undefined;
  readonly #size: SharedSampler;

  /** The stream names a namespace's draws take, in block order: `${prefix}/${namespace}/ops`, `/keys`, `/sizes`. */
  static streamNames(namespace: NamespaceConfig, prefix: string): string[] {
    return ["ops", "keys", "sizes"].map((what) => `${prefix}/${namespace.name}/${what}`);
  }

  /** `block` holds the streams `streamNames` lists, from stream `first` on. */
  constructor(namespace: NamespaceConfig, block: StreamBlock, first: number) {
    this.#state = block.state;
    this.#at = block.at + first * ALEA_WORDS;
    const keys = namespace.keys;
    this.#uniformKeys = keys.popularity === "uniform" || keys.zipfExponent === 0 ? keys.count : 0;
    const at = this.#at + KEY_STREAM * ALEA_WORDS;
    this.#zipfKey = this.#uniformKeys === 0 ? keyChooser(keys, () => aleaNext(block.state, at)) : undefined;
    this.#size = sharedSampler(namespace.valueSize);
    let c = 0;
    this.#cumulativeMix = OPS.map((op) => (c += namespace.mix[op]));
  }

  /** The op code of the request at hand. */
  op(): number {
    return pickIndex(this.#cumulativeMix, aleaNext(this.#state, this.#at + OP_STREAM * ALEA_WORDS));
  }

  /** The key of the request at hand (as keyChooser draws it). */
  key(): number {
    if (this.#zipfKey !== undefined) return this.#zipfKey();
    return Math.floor(aleaNext(this.#state, this.#at + KEY_STREAM * ALEA_WORDS) * this.#uniformKeys);
  }

  /** The value size of the request at hand, whole bytes. */
  bytes(): number {
    return Math.max(0, Math.round(this.#size.drawFrom(this.#state, this.#at + SIZE_STREAM * ALEA_WORDS)));
  }
}
