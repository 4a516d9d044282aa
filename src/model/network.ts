import type { Action, Engine } from "../engine/engine.js";
import type { RandomStreams } from "../engine/random-streams.js";
import { makeSampler } from "../engine/sampler.js";
import type { NetworkConfig } from "./config.js";
import type { Topology } from "./topology.js";

/**
 * Carries messages between zones: one-way latency drawn by distance (same zone, cross zone,
 * cross region) plus the payload's transfer time at the link's bandwidth.
 */
export class Network {
  readonly #engine: Engine;
  readonly #zoneRegion: readonly number[];
  readonly #sameZone: () => number;
  readonly #crossZone: () => number;
  readonly #crossRegion: () => number;
  readonly #microsPerByte: number;
  #messages = 0;
  #bytes = 0;

  constructor(engine: Engine, topology: Topology, config: NetworkConfig, streams: RandomStreams) {
    this.#engine = engine;
    this.#zoneRegion = topology.zoneRegion;
    this.#sameZone = makeSampler(config.sameZone, streams.stream("network/same-zone"));
    this.#crossZone = makeSampler(config.crossZone, streams.stream("network/cross-zone"));
    this.#crossRegion = makeSampler(config.crossRegion, streams.stream("network/cross-region"));
    this.#microsPerByte = 1e6 / config.bandwidth;
  }

  /** One-way delay for `bytes` from zone `from` to zone `to`, whole µs ≥ 1. */
  delay(from: number, to: number, bytes: number): number {
    const latency =
      from === to ? this.#sameZone() : this.#zoneRegion[from] === this.#zoneRegion[to] ? this.#crossZone() : this.#crossRegion();
    const total = Math.round(latency + bytes * this.#microsPerByte);
    return total > 1 ? total : 1;
  }

  /** Delivers `message` to `receive` in zone `to` after the delay for its size. */
  send<T>(from: number, to: number, bytes: number, receive: Action<T>, message: T): void {
    this.#messages++;
    this.#bytes += bytes;
    this.#engine.schedule(this.delay(from, to, bytes), receive, message);
  }

  get stats(): { messages: number; bytes: number } {
    return { messages: this.#messages, bytes: this.#bytes };
  }
}
