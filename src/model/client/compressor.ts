import type { Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { CompressionConfig } from "../config.js";

const MIB = 1024 * 1024;

/**
 * Client-side compression (LZ4-like): a value shrinks by a ratio drawn per value, and costs the
 * client CPU time in proportion to its uncompressed size.
 */
export class Compressor {
  readonly #ratio: () => number;
  readonly #microsPerByte: number;

  constructor(config: CompressionConfig, source: Source) {
    if (!(config.cpuPerMiB >= 0)) throw new RangeError(`compression cpuPerMiB must be >= 0 µs, got ${config.cpuPerMiB}`);
    this.#ratio = makeSampler(config.ratio, source);
    this.#microsPerByte = config.cpuPerMiB / MIB;
  }

  /** Bytes on the wire for a value of `bytes`: never more than the value (incompressible data is sent as is). */
  compress(bytes: number): number {
    const ratio = this.#ratio();
    return ratio > 1 ? Math.ceil(bytes / ratio) : bytes;
  }

  /** Client CPU to compress (or decompress) a value of `bytes` uncompressed, whole µs. */
  cost(bytes: number): number {
    return Math.round(bytes * this.#microsPerByte);
  }
}
