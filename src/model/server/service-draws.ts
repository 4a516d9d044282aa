import { ALEA_WORDS, aleaNext } from "../../engine/alea.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import { sharedSampler, type SharedSampler } from "../../engine/shared-sampler.js";
import { OPS, type NodeConfig } from "../config.js";

/** Where the disk and error streams sit in a node's block, after one cpu stream per op. */
const DISK_STREAM = OPS.length;
const ERROR_STREAM = OPS.length + 1;

/**
 * A node's random draws per piece of work: CPU time by op, disk time, and whether an injected
 * error fails it. Its streams (`node/<id>/cpu/<op>`, `/disk`, `/errors`) lie side by side, and
 * the samplers are shared by every node of the config (see SharedSampler): at 768 nodes, a
 * service start touches this object and a line or two of stream state, where a sampler of the
 * node's own was five cold objects.
 */
export class ServiceDraws {
  readonly #cpu: readonly SharedSampler[];
  readonly #disk: SharedSampler;
  readonly #diskReads: readonly number[];
  readonly #state: Float64Array;
  readonly #at: number;

  /** `name`: the node's stream prefix, `node/<id>`. */
  constructor(config: NodeConfig, streams: RandomStreams, name: string) {
    const shared = sharedOf(config);
    this.#cpu = shared.cpu;
    this.#disk = shared.disk;
    this.#diskReads = shared.diskReads;
    const block = streams.block([...OPS.map((op) => `${name}/cpu/${op}`), `${name}/disk`, `${name}/errors`]);
    this.#state = block.state;
    this.#at = block.at;
  }

  /** CPU time of one piece of work of op `op`, µs. */
  cpu(op: number): number {
    return this.#cpu[op].drawFrom(this.#state, this.#at + op * ALEA_WORDS);
  }

  /** One disk access, µs (before any degradation). */
  disk(): number {
    return this.#disk.drawFrom(this.#state, this.#at + DISK_STREAM * ALEA_WORDS);
  }

  /** The disk time of op `op`: its configured number of accesses, µs. */
  diskTime(op: number): number {
    let time = 0;
    for (let i = this.#diskReads[op]; i > 0; i--) time += this.disk();
    return time;
  }

  /** A uniform draw in [0, 1) that decides an injected error. */
  error(): number {
    return aleaNext(this.#state, this.#at + ERROR_STREAM * ALEA_WORDS);
  }
}

interface SharedDraws {
  readonly cpu: readonly SharedSampler[];
  readonly disk: SharedSampler;
  readonly diskReads: readonly number[];
}

/** One set of samplers per node config, for every node that shares it. */
const byConfig = new WeakMap<object, SharedDraws>();

function sharedOf(config: NodeConfig): SharedDraws {
  const cpu = OPS.map((op) => sharedSampler(config.cpu[op]));
  const disk = sharedSampler(config.disk);
  const diskReads = OPS.map((op) => config.diskReads[op]);
  const known = byConfig.get(config);
  const same = known && known.disk === disk && known.cpu.every((s, i) => s === cpu[i]) && known.diskReads.every((n, i) => n === diskReads[i]);
  if (known && same) return known;
  const made = { cpu, disk, diskReads };
  byConfig.set(config, made);
  return made;
}
