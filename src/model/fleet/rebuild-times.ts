import type { Micros } from "../../engine/time.js";
import { maintenanceDowntime, streamTime, type FleetConfig, type MaintenanceStrategy } from "./fleet-config.js";
import { rebuildBandwidth, snapshotRestoreTime, transferTime } from "./recovery-physics.js";

/**
 * How long a node of the fleet is down to be rebuilt or stepped, by node id (cluster · nodes +
 * node): the same for every node, or from its range-sharing peers when `bandwidth` is set.
 */
export class RebuildTimes {
  readonly #config: FleetConfig;
  /** Per node id, its peers (when `bandwidth` is set). */
  readonly #peers: Int32Array | undefined;
  readonly #streamTime: Micros;

  constructor(config: FleetConfig, peers: Int32Array | undefined) {
    if (config.bandwidth !== undefined && peers === undefined) throw new RangeError("fleet bandwidth needs each node's peers");
    this.#config = config;
    this.#peers = peers;
    this.#streamTime = streamTime(config);
  }

  /** Bytes/s streamed into node `id`: its rebuild bandwidth from its peers, or streamBandwidth. */
  #bandwidthInto(id: number): number {
    const b = this.#config.bandwidth;
    return b === undefined ? this.#config.streamBandwidth : rebuildBandwidth(b, this.#peers![id]);
  }

  /** µs to fill node `id` with its whole state by streaming. */
  fullStreamTime(id: number): Micros {
    return this.#config.bandwidth === undefined ? this.#streamTime : transferTime(this.#config.dataPerNode, this.#bandwidthInto(id));
  }

  /** µs node `id` is down for one step of `strategy` that goes right. */
  stepDowntime(id: number, strategy: MaintenanceStrategy): Micros {
    return strategy === "copyState" ? this.fullStreamTime(id) : maintenanceDowntime(this.#config, strategy);
  }

  /** µs node `id`, failed at `now`, stays down. */
  repairTime(id: number, now: Micros): Micros {
    const c = this.#config;
    switch (c.repair) {
      case "stream": return this.fullStreamTime(id);
      case "reattach": return c.reattachTime;
      case "snapshot": return snapshotRestoreTime(c.dataPerNode, c.snapshot!, this.#bandwidthInto(id), now % c.snapshot!.every);
    }
  }
}
