import type { RandomStreams, Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import { OPS, type NamespaceConfig } from "../config.js";
import { keyChooser } from "./key-chooser.js";
import { pickIndex } from "./open-loop-arrivals.js";

/** What one client draws for each request to one namespace: its op (by the mix), its key (by popularity), its value size. */
export class NamespaceDraws {
  readonly #op: Source;
  readonly #cumulativeMix: readonly number[];
  /** The key of the request at hand. */
  readonly key: () => number;
  readonly #size: () => number;

  /** Streams `${prefix}/${namespace}/ops`, `/keys` and `/sizes`. */
  constructor(namespace: NamespaceConfig, streams: RandomStreams, prefix: string) {
    this.#op = streams.stream(`${prefix}/${namespace.name}/ops`);
    this.key = keyChooser(namespace.keys, streams.stream(`${prefix}/${namespace.name}/keys`));
    this.#size = makeSampler(namespace.valueSize, streams.stream(`${prefix}/${namespace.name}/sizes`));
    let c = 0;
    this.#cumulativeMix = OPS.map((op) => (c += namespace.mix[op]));
  }

  /** The op code of the request at hand. */
  op(): number {
    return pickIndex(this.#cumulativeMix, this.#op());
  }

  /** The value size of the request at hand, whole bytes. */
  bytes(): number {
    return Math.max(0, Math.round(this.#size()));
  }
}
