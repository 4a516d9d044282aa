import seedrandom from "seedrandom";
import { ALEA_WORDS, aleaNext, aleaSeed } from "./alea.js";

/** A source of uniform doubles in [0, 1): what every distribution draws from. */
export type Source = () => number;

/** Streams taken together (see RandomStreams.block): stream i's state starts at `state[at + i * ALEA_WORDS]`. */
export interface StreamBlock {
  readonly state: Float64Array;
  readonly at: number;
}

/** Streams per chunk of generator state, at most (a chunk doubles from 32 up to this). */
const MAX_CHUNK_STREAMS = 4096;

/** Root seeds are whole numbers from 0 to 2^53 − 1, so they survive JSON and the command line. */
export function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a whole number from 0 to 2^53 − 1, got ${seed}`);
  }
}

/**
 * Named random streams derived from one root seed. A stream depends only on (seed, name), so a
 * component drawing more, or a new component, never shifts another's numbers; two variants run
 * on one seed see the same arrivals and failures (common random numbers).
 */
export class RandomStreams {
  readonly seed: number;
  #names = new Set<string>();
  /**
   * Every stream's generator state, ALEA_WORDS words each, in chunks taken in turn: the streams a
   * component takes together (a node's cpu, disk, errors, GC) lie side by side in a few cache
   * lines, where seedrandom's generators were an object and four boxed numbers each, scattered.
   */
  #chunk = new Float64Array(0);
  #used = 0;

  constructor(seed: number) {
    assertSeed(seed);
    this.seed = seed;
  }

  /**
   * A fresh stream for `name` (e.g. "node/us-east-1a/2/gc"). Each name may be taken once per
   * run, so two components can never share a stream by accident.
   */
  stream(name: string): Source {
    const { state, at } = this.block([name]);
    return () => aleaNext(state, at);
  }

  /**
   * Fresh streams for `names`, side by side in one chunk: stream i's state starts at
   * `state[at + i * ALEA_WORDS]`, drawn with `aleaNext` (or a SharedSampler). A component that
   * keeps its streams this way holds no object per stream, and its draws touch a line or two.
   * Each stream still depends only on (seed, name).
   */
  block(names: readonly string[]): StreamBlock {
    for (const name of names) {
      if (this.#names.has(name)) throw new Error(`random stream "${name}" was already taken`);
      this.#names.add(name);
    }
    const words = names.length * ALEA_WORDS;
    if (this.#used + words > this.#chunk.length) {
      const streams = Math.min(MAX_CHUNK_STREAMS, Math.max(16, this.#chunk.length / ALEA_WORDS) * 2);
      this.#chunk = new Float64Array(Math.max(streams * ALEA_WORDS, words));
      this.#used = 0;
    }
    const state = this.#chunk;
    const at = this.#used;
    this.#used += words;
    names.forEach((name, i) => aleaSeed(state, at + i * ALEA_WORDS, this.seed, name));
    return { state, at };
  }

  /** Names taken so far, in the order they were taken. */
  get names(): readonly string[] {
    return [...this.#names];
  }
}

/** The stream for (seed, name), independent of any RandomStreams bookkeeping. */
export function streamFor(seed: number, name: string): Source {
  // Alea: fast, 32 bits per double, and seeded from a string, so the name is part of the seed.
  const state = new Float64Array(ALEA_WORDS);
  aleaSeed(state, 0, seed, name);
  return () => aleaNext(state, 0);
}

/** The root seed of replication `index` of a run with seed `seed`: depends only on the pair. */
export function replicationSeed(seed: number, index: number): number {
  assertSeed(seed);
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`replication index must be a whole number >= 0, got ${index}`);
  }
  if (index === 0) return seed;
  const prng = seedrandom.alea(`relisim-replication\u0000${seed}\u0000${index}`);
  // 53 bits from two draws: distinct replications collide with negligible probability.
  const hi = prng.int32() >>> 0;
  const lo = prng.int32() >>> 0;
  return (hi & 0x1fffff) * 4294967296 + lo;
}
