import type { Action, Engine } from "../../engine/engine.js";
import type { RandomStreams, Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { NetworkConfig } from "../config.js";
import { drawLosses, type LossTally } from "./packet-loss.js";
import type { Topology } from "../topology.js";

/** Payload bytes per packet when the scenario does not say: a 1500-byte MTU less IP and TCP headers. */
export const DEFAULT_PACKET_SIZE = 1448;
/** A lost packet's retransmit timeout when the scenario does not say (TCP's minimum RTO), µs. */
export const DEFAULT_RETRANSMIT_TIMEOUT = 200_000;

/** What the network carried: messages, bytes, packets, and what packet loss cost. */
export interface NetworkStats {
  readonly messages: number;
  readonly bytes: number;
  readonly packets: number;
  readonly packetsLost: number;
  readonly retransmits: number;
  /** Messages delayed by at least one lost packet. */
  readonly messagesDelayed: number;
  /** Total delay added by retransmissions, µs. */
  readonly retransmitDelay: number;
}

/**
 * Carries messages between zones: one-way latency drawn by distance (same zone, cross zone,
 * cross region) plus the payload's transfer time at the link's bandwidth. A payload travels as
 * packets; with packet loss (configured, or a `packetLoss` fault on a zone) a lost packet
 * delays its message by a retransmit timeout.
 */
export class Network {
  readonly #engine: Engine;
  readonly #zoneRegion: readonly number[];
  readonly #sameZone: () => number;
  readonly #crossZone: () => number;
  readonly #crossRegion: () => number;
  readonly #microsPerByte: number;
  readonly #packetSize: number;
  readonly #baseLoss: number;
  readonly #timeout: number;
  readonly #lossDraws: Source;
  /** Per zone: the further loss probability its faults add, and the faults' shares. */
  readonly #zoneLoss: Float64Array;
  readonly #zoneShares: number[][];
  /** Whether any packet can be lost now: when not, sending draws nothing. */
  #lossy: boolean;
  readonly #tally: LossTally = { lost: 0, retransmits: 0, delay: 0 };
  #messages = 0;
  #bytes = 0;
  #packets = 0;
  #delayed = 0;

  constructor(engine: Engine, topology: Topology, config: NetworkConfig, streams: RandomStreams) {
    this.#engine = engine;
    this.#zoneRegion = topology.zoneRegion;
    this.#sameZone = makeSampler(config.sameZone, streams.stream("network/same-zone"));
    this.#crossZone = makeSampler(config.crossZone, streams.stream("network/cross-zone"));
    this.#crossRegion = makeSampler(config.crossRegion, streams.stream("network/cross-region"));
    this.#microsPerByte = 1e6 / config.bandwidth;
    this.#packetSize = config.packets?.size ?? DEFAULT_PACKET_SIZE;
    this.#baseLoss = config.packets?.loss ?? 0;
    this.#timeout = config.packets?.retransmitTimeout ?? DEFAULT_RETRANSMIT_TIMEOUT;
    if (!(this.#packetSize >= 1)) throw new RangeError(`packet size must be >= 1 byte, got ${this.#packetSize}`);
    if (!(this.#baseLoss >= 0 && this.#baseLoss < 1)) throw new RangeError(`packet loss must be in [0, 1), got ${this.#baseLoss}`);
    this.#lossDraws = streams.stream("network/packet-loss");
    this.#zoneLoss = new Float64Array(topology.zoneNames.length);
    this.#zoneShares = topology.zoneNames.map(() => []);
    this.#lossy = this.#baseLoss > 0;
  }

  /** One-way delay for `bytes` from zone `from` to zone `to`, whole µs ≥ 1 (no packet loss). */
  delay(from: number, to: number, bytes: number): number {
    const latency =
      from === to ? this.#sameZone() : this.#zoneRegion[from] === this.#zoneRegion[to] ? this.#crossZone() : this.#crossRegion();
    const total = Math.round(latency + bytes * this.#microsPerByte);
    return total > 1 ? total : 1;
  }

  /** Packets a payload of `bytes` takes (at least one: headers travel too). */
  packetsFor(bytes: number): number {
    return bytes <= this.#packetSize ? 1 : Math.ceil(bytes / this.#packetSize);
  }

  /** Delivers `message` to `receive` in zone `to` after the delay for its size (and its lost packets). */
  send<T>(from: number, to: number, bytes: number, receive: Action<T>, message: T): void {
    const packets = bytes <= this.#packetSize ? 1 : Math.ceil(bytes / this.#packetSize);
    this.#messages++;
    this.#bytes += bytes;
    this.#packets += packets;
    let delay = this.delay(from, to, bytes);
    if (this.#lossy) {
      const late = drawLosses(packets, this.#lossBetween(from, to), this.#timeout, this.#lossDraws, this.#tally);
      if (late > 0) {
        this.#delayed++;
        delay += late;
      }
    }
    this.#engine.post(delay, receive, message);
  }

  /** Loss probability of a packet from zone `from` to zone `to`: the base and both ends' faults, independent. */
  #lossBetween(from: number, to: number): number {
    let keep = (1 - this.#baseLoss) * (1 - this.#zoneLoss[from]);
    if (to !== from) keep *= 1 - this.#zoneLoss[to];
    // A packet that is always lost would never arrive: the schema keeps shares below 1.
    return 1 - keep;
  }

  /** A fault starts: packets to and from zone `zone` are lost with a further probability `share`. */
  startLoss(zone: number, share: number): void {
    if (!(share >= 0 && share < 1)) throw new RangeError(`packet loss share must be in [0, 1), got ${share}`);
    this.#zoneShares[zone].push(share);
    this.#refreshLoss(zone);
  }

  /** Ends one `startLoss(zone, share)`. */
  stopLoss(zone: number, share: number): void {
    const shares = this.#zoneShares[zone];
    const i = shares.indexOf(share);
    if (i >= 0) shares.splice(i, 1);
    this.#refreshLoss(zone);
  }

  #refreshLoss(zone: number): void {
    let keep = 1;
    for (const s of this.#zoneShares[zone]) keep *= 1 - s;
    this.#zoneLoss[zone] = 1 - keep;
    this.#lossy = this.#baseLoss > 0 || this.#zoneLoss.some((l) => l > 0);
  }

  get stats(): NetworkStats {
    return {
      messages: this.#messages,
      bytes: this.#bytes,
      packets: this.#packets,
      packetsLost: this.#tally.lost,
      retransmits: this.#tally.retransmits,
      messagesDelayed: this.#delayed,
      retransmitDelay: this.#tally.delay,
    };
  }
}
