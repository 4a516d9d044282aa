import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { quorum } from "../cluster/consistency.js";
import { SimulationError } from "../simulation-error.js";
import { OutageCause } from "./change-streams.js";
import type { FleetRings } from "./fleet-rings.js";
import { OutageLog } from "./outage-log.js";

/**
 * Which nodes and ranges of every cluster of a fleet are up, as structure-of-arrays: per node id
 * (cluster · nodes + node) a down count, per (cluster, range) the replicas up, and per cluster a
 * few counters. A node down for several reasons (a failure and maintenance) stays down until all
 * end. Only the ranges of a node that changes state are touched; nothing is allocated but the
 * log entry of an outage that begins.
 */
export class FleetState {
  readonly rings: FleetRings;
  readonly quorum: number;
  readonly outages = new OutageLog();
  /** Called with a cluster whose last down node came back up (rolling passes waiting for that resume). */
  onAllUp: (cluster: number) => void = () => {};

  readonly #engine: Engine;
  readonly #downCount: Uint8Array;
  readonly #replicasUp: Uint8Array;
  readonly #nodesDown: Int32Array;
  readonly #lacking: Int32Array;
  /** Per cluster, (node, reason) pairs down for maintenance and for a bad deploy: what an outage is put on. */
  readonly #downForMaintenance: Int32Array;
  readonly #downForBadDeploy: Int32Array;
  /** Per cluster, the index of its open outage in `outages`, or −1. */
  readonly #current: Int32Array;
  readonly #riskSince: Float64Array;
  readonly #riskTotal: Float64Array;

  constructor(engine: Engine, rings: FleetRings, replicationFactor: number) {
    const { clusters, nodes, rangeCount } = rings;
    this.#engine = engine;
    this.rings = rings;
    this.quorum = quorum(replicationFactor);
    this.#downCount = new Uint8Array(clusters * nodes);
    this.#replicasUp = new Uint8Array(clusters * rangeCount).fill(replicationFactor);
    this.#nodesDown = new Int32Array(clusters);
    this.#lacking = new Int32Array(clusters);
    this.#downForMaintenance = new Int32Array(clusters);
    this.#downForBadDeploy = new Int32Array(clusters);
    this.#current = new Int32Array(clusters).fill(-1);
    this.#riskSince = new Float64Array(clusters);
    this.#riskTotal = new Float64Array(clusters);
  }

  /** Nodes of cluster `c` currently down (for a failure, maintenance or both). */
  nodesDown(c: number): number {
    return this.#nodesDown[c];
  }

  /** Ranges of cluster `c` currently with fewer than a quorum of replicas up. */
  rangesWithoutQuorum(c: number): number {
    return this.#lacking[c];
  }

  /** µs cluster `c` had at least one node down, up to `now`. */
  timeAtRisk(c: number, now: Micros): Micros {
    return this.#riskTotal[c] + (this.#nodesDown[c] > 0 ? now - this.#riskSince[c] : 0);
  }

  /** Closes every outage still open at `now` (the end of the run), marking it ongoing. */
  finish(now: Micros): void {
    const current = this.#current;
    for (let c = 0; c < current.length; c++) {
      if (current[c] < 0) continue;
      this.outages.close(current[c], now, true);
      current[c] = -1;
    }
  }

  /** Counts one more reason (`cause`) for `node` of cluster `c` to be down; on its first, its ranges lose a replica. */
  takeDown(c: number, node: number, cause: OutageCause = OutageCause.hardware): void {
    if (cause === OutageCause.maintenance) this.#downForMaintenance[c]++;
    else if (cause === OutageCause.badDeploy) this.#downForBadDeploy[c]++;
    const rings = this.rings;
    const id = c * rings.nodes + node;
    if (this.#downCount[id]++ > 0) return;
    if (this.#nodesDown[c]++ === 0) this.#riskSince[c] = this.#engine.now;
    const up = this.#replicasUp;
    const ranges = rings.ranges;
    const lost = this.quorum - 1;
    const base = c * rings.rangeCount;
    const before = this.#lacking[c];
    let lacking = before;
    for (let i = this.#from(c, node, id), end = this.#to(c, node, id); i < end; i++) {
      if (--up[base + ranges[i]] === lost) lacking++;
    }
    if (lacking === before) return;
    this.#lacking[c] = lacking;
    const current = this.#current[c];
    if (current >= 0) {
      this.outages.raise(current, lacking);
      return;
    }
    const why = this.#downForBadDeploy[c] > 0 ? OutageCause.badDeploy : this.#downForMaintenance[c] > 0 ? OutageCause.maintenance : OutageCause.hardware;
    this.#current[c] = this.outages.open(c, this.#engine.now, lacking, why);
  }

  /** Ends one reason (`cause`) for `node` of cluster `c` to be down; when none is left, its ranges regain a replica. */
  bringUp(c: number, node: number, cause: OutageCause = OutageCause.hardware): void {
    const rings = this.rings;
    const id = c * rings.nodes + node;
    if (this.#downCount[id] === 0) throw new SimulationError(`node ${node} is not down`, `fleet cluster ${c}`, this.#engine.now);
    if (cause === OutageCause.maintenance) this.#downForMaintenance[c]--;
    else if (cause === OutageCause.badDeploy) this.#downForBadDeploy[c]--;
    if (--this.#downCount[id] > 0) return;
    const up = this.#replicasUp;
    const ranges = rings.ranges;
    const q = this.quorum;
    const base = c * rings.rangeCount;
    let lacking = this.#lacking[c];
    for (let i = this.#from(c, node, id), end = this.#to(c, node, id); i < end; i++) {
      if (++up[base + ranges[i]] === q) lacking--;
    }
    this.#lacking[c] = lacking;
    const current = this.#current[c];
    if (lacking === 0 && current >= 0) {
      this.outages.close(current, this.#engine.now, false);
      this.#current[c] = -1;
    }
    if (--this.#nodesDown[c] > 0) return;
    this.#riskTotal[c] += this.#engine.now - this.#riskSince[c];
    this.onAllUp(c);
  }

  /** Where node id `id`'s ranges start in `rings.ranges`. */
  #from(c: number, node: number, id: number): number {
    return c * this.rings.perCluster + this.rings.offset[id];
  }

  /** Where node id `id`'s ranges end in `rings.ranges`. */
  #to(c: number, node: number, id: number): number {
    const rings = this.rings;
    return c * rings.perCluster + (node + 1 < rings.nodes ? rings.offset[id + 1] : rings.perCluster);
  }
}
