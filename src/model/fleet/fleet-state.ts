import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { quorum } from "../cluster/consistency.js";
import { SimulationError } from "../simulation-error.js";
import { OutageCause } from "./change-streams.js";
import type { FleetRings } from "./fleet-rings.js";
import { OutageLog } from "./outage-log.js";

/** A cluster's record: RECORD words, one 64-byte cache line. */
const RECORD = 8;
const NODES_DOWN = 0;
/** Ranges without quorum now. */
const LACKING = 1;
/** (node, reason) pairs down for maintenance and for a bad deploy: what an outage is put on. */
const DOWN_FOR_MAINTENANCE = 2;
const DOWN_FOR_BAD_DEPLOY = 3;
/** The index of the cluster's open outage in `outages`, or −1. */
const CURRENT = 4;
const RISK_SINCE = 5;
const RISK_TOTAL = 6;
/** 1 while the replicas-up counts include the cluster's down nodes (see the class comment). */
const COUNTED = 7;

/**
 * Which nodes and ranges of every cluster of a fleet are up, as structure-of-arrays: per node id
 * (cluster · nodes + node) a down count, per (cluster, range) the replicas up, and per cluster a
 * few counters. A node down for several reasons (a failure and maintenance) stays down until all
 * end. Nothing is allocated but the log entry of an outage that begins.
 *
 * A range loses quorum only with `mustLose` = rf − quorum + 1 of its replicas down, so while
 * fewer nodes than that are down in a cluster (a rolling step alone, most of the time) no range
 * can lack quorum and the ranges are not touched at all: the replicas-up counts stay at rf. When
 * the mustLose-th node goes down, every down node's ranges are counted in at once; from then
 * until the cluster has no node down, only the ranges of a node that changes state are touched.
 */
export class FleetState {
  readonly rings: FleetRings;
  readonly quorum: number;
  /** Replicas of a range that must be down for it to lose quorum: rf − quorum + 1. */
  readonly mustLose: number;
  readonly outages = new OutageLog();
  /** Called with a cluster whose last down node came back up (rolling passes waiting for that resume). */
  onAllUp: (cluster: number) => void = () => {};

  readonly #engine: Engine;
  readonly #downCount: Uint8Array;
  /** Per node id, its reasons to be down that are maintenance steps, and bad deploys (what an outage is put on). */
  readonly #downForMaintenance: Uint8Array;
  readonly #downForBadDeploy: Uint8Array;
  readonly #replicasUp: Uint8Array;
  /** Per cluster, its counters in one 64-byte record (the fields below), so an event touches one cache line. */
  readonly #record: Float64Array;

  constructor(engine: Engine, rings: FleetRings, replicationFactor: number) {
    const { clusters, nodes, rangeCount } = rings;
    this.#engine = engine;
    this.rings = rings;
    this.quorum = quorum(replicationFactor);
    this.mustLose = replicationFactor - this.quorum + 1;
    this.#downCount = new Uint8Array(clusters * nodes);
    this.#downForMaintenance = new Uint8Array(clusters * nodes);
    this.#downForBadDeploy = new Uint8Array(clusters * nodes);
    this.#replicasUp = new Uint8Array(clusters * rangeCount).fill(replicationFactor);
    this.#record = new Float64Array(clusters * RECORD);
    for (let c = 0; c < clusters; c++) this.#record[c * RECORD + CURRENT] = -1;
  }

  /** Nodes of cluster `c` currently down (for a failure, maintenance or both). */
  nodesDown(c: number): number {
    return this.#record[c * RECORD + NODES_DOWN];
  }

  /** Ranges of cluster `c` currently with fewer than a quorum of replicas up. */
  rangesWithoutQuorum(c: number): number {
    return this.#record[c * RECORD + LACKING];
  }

  /** µs cluster `c` had at least one node down, up to `now`. */
  timeAtRisk(c: number, now: Micros): Micros {
    const r = this.#record;
    const at = c * RECORD;
    return r[at + RISK_TOTAL] + (r[at + NODES_DOWN] > 0 ? now - r[at + RISK_SINCE] : 0);
  }

  /** Closes every outage still open at `now` (the end of the run), marking it ongoing. */
  finish(now: Micros): void {
    const record = this.#record;
    for (let at = CURRENT; at < record.length; at += RECORD) {
      if (record[at] < 0) continue;
      this.outages.close(record[at], now, true);
      record[at] = -1;
    }
  }

  /** Counts one more reason (`cause`) for `node` of cluster `c` to be down; on its first, its ranges lose a replica. */
  takeDown(c: number, node: number, cause: OutageCause = OutageCause.hardware): void {
    const r = this.#record;
    const at = c * RECORD;
    const rings = this.rings;
    const id = c * rings.nodes + node;
    if (cause === OutageCause.maintenance) {
      r[at + DOWN_FOR_MAINTENANCE]++;
      this.#downForMaintenance[id]++;
    } else if (cause === OutageCause.badDeploy) {
      r[at + DOWN_FOR_BAD_DEPLOY]++;
      this.#downForBadDeploy[id]++;
    }
    if (this.#downCount[id]++ > 0) return;
    const down = ++r[at + NODES_DOWN];
    if (down === 1) r[at + RISK_SINCE] = this.#engine.now;
    if (r[at + COUNTED] === 0) {
      if (down < this.mustLose) return;
      r[at + COUNTED] = 1;
      this.#countDownNodes(c);
      return;
    }
    const before = r[at + LACKING];
    const lacking = before + this.#lose(c, node, id);
    if (lacking === before) return;
    r[at + LACKING] = lacking;
    this.#opened(c, lacking);
  }

  /** Cluster `c` now has `lacking` ranges without quorum, more than before: an outage begins or grows. */
  #opened(c: number, lacking: number): void {
    const r = this.#record;
    const at = c * RECORD;
    const current = r[at + CURRENT];
    if (current >= 0) {
      this.outages.raise(current, lacking);
      return;
    }
    // The outcome's byCause keeps the cluster-wide rule it was pinned with; rangeCause is the exact one.
    const why = r[at + DOWN_FOR_BAD_DEPLOY] > 0 ? OutageCause.badDeploy : r[at + DOWN_FOR_MAINTENANCE] > 0 ? OutageCause.maintenance : OutageCause.hardware;
    r[at + CURRENT] = this.outages.open(c, this.#engine.now, lacking, why, why === OutageCause.hardware ? why : this.#rangeCause(c));
  }

  /**
   * Why cluster `c`'s outage begins now, range by range (every range without quorum has just lost it): a bad
   * deploy when a node down for one is among the missing replicas of such a range, else
   * maintenance when a node down for a maintenance step (or its failed step's stream) is, else
   * hardware. Each such range misses exactly mustLose replicas, so without that node it would
   * have kept its quorum. Runs once per outage, over the cluster's nodes and their ranges.
   */
  #rangeCause(c: number): OutageCause {
    const r = this.#record;
    const at = c * RECORD;
    if (r[at + DOWN_FOR_BAD_DEPLOY] > 0 && this.#missedAmongLacking(c, this.#downForBadDeploy)) return OutageCause.badDeploy;
    if (r[at + DOWN_FOR_MAINTENANCE] > 0 && this.#missedAmongLacking(c, this.#downForMaintenance)) return OutageCause.maintenance;
    return OutageCause.hardware;
  }

  /** Whether a node of cluster `c` with a nonzero `reason` count replicates a range now without quorum. */
  #missedAmongLacking(c: number, reason: Uint8Array): boolean {
    const up = this.#replicasUp;
    const ranges = this.rings.ranges;
    const base = c * this.rings.rangeCount;
    const nodes = this.rings.nodes;
    for (let node = 0; node < nodes; node++) {
      const id = c * nodes + node;
      if (reason[id] === 0) continue;
      for (let i = this.#from(c, id), end = this.#to(c, node, id); i < end; i++) {
        if (up[base + ranges[i]] < this.quorum) return true;
      }
    }
    return false;
  }

  /** Ends one reason (`cause`) for `node` of cluster `c` to be down; when none is left, its ranges regain a replica. */
  bringUp(c: number, node: number, cause: OutageCause = OutageCause.hardware): void {
    const r = this.#record;
    const at = c * RECORD;
    const rings = this.rings;
    const id = c * rings.nodes + node;
    if (this.#downCount[id] === 0) throw new SimulationError(`node ${node} is not down`, `fleet cluster ${c}`, this.#engine.now);
    if (cause === OutageCause.maintenance) {
      r[at + DOWN_FOR_MAINTENANCE]--;
      this.#downForMaintenance[id]--;
    } else if (cause === OutageCause.badDeploy) {
      r[at + DOWN_FOR_BAD_DEPLOY]--;
      this.#downForBadDeploy[id]--;
    }
    if (--this.#downCount[id] > 0) return;
    if (r[at + COUNTED] === 1) {
      const lacking = r[at + LACKING] - this.#regain(c, node, id);
      r[at + LACKING] = lacking;
      const current = r[at + CURRENT];
      if (lacking === 0 && current >= 0) {
        this.outages.close(current, this.#engine.now, false);
        r[at + CURRENT] = -1;
      }
    }
    if (--r[at + NODES_DOWN] > 0) return;
    // Every node is up: the replicas-up counts are back at rf.
    r[at + COUNTED] = 0;
    r[at + RISK_TOTAL] += this.#engine.now - r[at + RISK_SINCE];
    this.onAllUp(c);
  }

  /** Takes a replica off each of node `node`'s ranges; returns how many fell below quorum. */
  #lose(c: number, node: number, id: number): number {
    const up = this.#replicasUp;
    const ranges = this.rings.ranges;
    const lost = this.quorum - 1;
    const base = c * this.rings.rangeCount;
    let fell = 0;
    for (let i = this.#from(c, id), end = this.#to(c, node, id); i < end; i++) {
      if (--up[base + ranges[i]] === lost) fell++;
    }
    return fell;
  }

  /** Gives a replica back to each of node `node`'s ranges; returns how many regained quorum. */
  #regain(c: number, node: number, id: number): number {
    const up = this.#replicasUp;
    const ranges = this.rings.ranges;
    const q = this.quorum;
    const base = c * this.rings.rangeCount;
    let rose = 0;
    for (let i = this.#from(c, id), end = this.#to(c, node, id); i < end; i++) {
      if (++up[base + ranges[i]] === q) rose++;
    }
    return rose;
  }

  /** Counts every down node of cluster `c` into its replicas-up counts (none was counted yet); an outage may begin. */
  #countDownNodes(c: number): void {
    const r = this.#record;
    const at = c * RECORD;
    const nodes = this.rings.nodes;
    let lacking = 0;
    for (let node = 0; node < nodes; node++) {
      const id = c * nodes + node;
      if (this.#downCount[id] > 0) lacking += this.#lose(c, node, id);
    }
    if (lacking === 0) return;
    r[at + LACKING] = lacking;
    this.#opened(c, lacking);
  }

  /** Where node id `id`'s ranges start in `rings.ranges`. */
  #from(c: number, id: number): number {
    return c * this.rings.perCluster + this.rings.offset[id];
  }

  /** Where node id `id`'s ranges end in `rings.ranges`. */
  #to(c: number, node: number, id: number): number {
    const rings = this.rings;
    return c * rings.perCluster + (node + 1 < rings.nodes ? rings.offset[id + 1] : rings.perCluster);
  }
}
