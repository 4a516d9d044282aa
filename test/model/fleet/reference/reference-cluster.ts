import { Priority, type Engine } from "../../../../src/engine/engine.js";
import type { RandomStreams, Source } from "../../../../src/engine/random-streams.js";
import type { Micros } from "../../../../src/engine/time.js";
import { MICROS_PER_YEAR, maintenanceDowntime, streamTime, type FleetConfig, type MaintenanceStrategy } from "../../../../src/model/fleet/fleet-config.js";
import { quorum } from "../../../../src/model/cluster/consistency.js";
import { SimulationError } from "../../../../src/model/simulation-error.js";
import { buildReplicaSets, peerCounts, type ReplicaSets } from "../../../../src/model/fleet/replica-sets.js";
import { CHANGE_KINDS, OutageCause } from "../../../../src/model/fleet/change-streams.js";
import { rebuildBandwidth, snapshotRestoreTime, transferTime } from "../../../../src/model/fleet/recovery-physics.js";
import { RollingPass, type PassHost } from "./reference-pass.js";

/** A span during which at least one of a cluster's ranges had fewer than a quorum of replicas up. */
export interface Outage {
  readonly start: Micros;
  /** When every range had a quorum again, or the end of the run when `ongoing`. */
  end: Micros;
  /** The largest share of the cluster's ranges without quorum at any moment of the outage, in (0, 1]. */
  maxShare: number;
  /** True when the run ended during the outage. */
  ongoing: boolean;
  /** What had a node down when it started: a bad deploy first, then maintenance, else hardware failure. */
  readonly cause: OutageCause;
}

/**
 * One cluster of the fleet on a shared engine. Nodes are down-counted (a node down for a failure
 * and for maintenance at once stays down until both end); per range it keeps the replicas up.
 * Only the ranges of a node that changes state are touched. Streams used:
 * `fleet/<c>/tokens`, `fleet/<c>/<node>/failures`, `fleet/<c>/maintenance/start`,
 * `fleet/<c>/maintenance/mishaps`, and per change stream `fleet/<c>/changes/<kind>/start`,
 * `…/mishaps`, `…/bad`.
 */
export class FleetCluster implements PassHost {
  readonly index: number;
  readonly sets: ReplicaSets;
  readonly quorum: number;
  readonly outages: Outage[] = [];
  nodeFailures = 0;

  readonly #engine: Engine;
  readonly #config: FleetConfig;
  readonly #downCount: Uint8Array;
  readonly #replicasUp: Uint8Array;
  readonly #failureSources: Source[];
  /** One preallocated event argument per node, so the actions below are shared by all clusters. */
  readonly #nodeRefs: NodeRef[];
  /** The rolling passes: `maintenance` first, then the change streams in CHANGE_KINDS order. */
  readonly #passes: RollingPass[];
  /** Per node, the peers it streams from, when `bandwidth` is set. */
  readonly #peers: Int32Array | undefined;
  readonly #meanUptime: number;
  /** (node, reason) pairs down for maintenance and for a bad deploy: what an outage is put on. */
  #downForMaintenance = 0;
  #downForBadDeploy = 0;
  #nodesDown = 0;
  #lacking = 0;
  #current: Outage | null = null;
  #riskSince = 0;
  #riskTotal = 0;

  constructor(engine: Engine, config: FleetConfig, index: number, streams: RandomStreams) {
    this.index = index;
    this.#engine = engine;
    this.#config = config;
    this.sets = buildReplicaSets(config, streams.stream(`fleet/${index}/tokens`));
    this.quorum = quorum(config.replicationFactor);
    this.#downCount = new Uint8Array(this.sets.nodes);
    this.#replicasUp = new Uint8Array(this.sets.rangeCount).fill(config.replicationFactor);
    this.#nodeRefs = Array.from({ length: this.sets.nodes }, (_, node) => ({ cluster: this, node }));
    const rate = config.failuresPerNodeYear;
    this.#meanUptime = MICROS_PER_YEAR / rate;
    this.#failureSources = [];
    if (rate > 0) {
      for (let node = 0; node < this.sets.nodes; node++) {
        this.#failureSources.push(streams.stream(`fleet/${index}/${node}/failures`));
      }
    }
    this.#peers = config.bandwidth !== undefined ? peerCounts(this.sets) : undefined;
    this.#passes = [];
    if (config.maintenance !== undefined) {
      const sources = { start: streams.stream(`fleet/${index}/maintenance/start`), mishaps: streams.stream(`fleet/${index}/maintenance/mishaps`) };
      this.#passes.push(new RollingPass(engine, this, config.maintenance, sources));
    }
    for (const kind of CHANGE_KINDS) {
      const stream = config.changes?.[kind];
      if (stream === undefined) continue;
      const name = `fleet/${index}/changes/${kind}`;
      const bad = "badDeploys" in stream && stream.badDeploys !== undefined ? streams.stream(`${name}/bad`) : undefined;
      this.#passes.push(new RollingPass(engine, this, stream, { start: streams.stream(`${name}/start`), mishaps: streams.stream(`${name}/mishaps`), bad }));
    }
  }

  /** Nodes in the cluster. */
  get nodeCount(): number {
    return this.sets.nodes;
  }

  /** Maintenance steps taken, over `maintenance` and every change stream. */
  get maintenanceOps(): number {
    return this.#passes.reduce((sum, p) => sum + p.ops, 0);
  }

  /** Steps that went wrong and needed a full stream. */
  get maintenanceFailures(): number {
    return this.#passes.reduce((sum, p) => sum + p.failures, 0);
  }

  /** Bad changes rolled out, and those their canary detected. */
  get badDeploys(): { bad: number; detected: number } {
    return { bad: this.#passes.reduce((sum, p) => sum + p.badDeploys, 0), detected: this.#passes.reduce((sum, p) => sum + p.badDetected, 0) };
  }

  /** Nodes currently down (for a failure, maintenance or both). */
  get nodesDown(): number {
    return this.#nodesDown;
  }

  /** Ranges currently with fewer than a quorum of replicas up. */
  get rangesWithoutQuorum(): number {
    return this.#lacking;
  }

  /** Schedules each node's first failure and the first maintenance pass (at a random offset in the first period). */
  start(): void {
    for (let node = 0; node < this.#failureSources.length; node++) {
      this.#engine.schedule(this.#draw(node), onFailure, this.#nodeRefs[node]);
    }
    for (const pass of this.#passes) pass.start();
  }

  /** µs with at least one node down, up to `now`. */
  timeAtRisk(now: Micros): Micros {
    return this.#riskTotal + (this.#nodesDown > 0 ? now - this.#riskSince : 0);
  }

  /** Closes an outage still open at `now` (the end of the run), marking it ongoing. */
  finish(now: Micros): void {
    if (this.#current === null) return;
    this.#current.end = now;
    this.#current.ongoing = true;
    this.#current = null;
  }

  /** Counts one more reason (`cause`) for `node` to be down; on its first, its ranges lose a replica. */
  takeDown(node: number, cause: OutageCause = OutageCause.hardware): void {
    if (cause !== OutageCause.hardware) {
      if (cause === OutageCause.maintenance) this.#downForMaintenance++;
      else this.#downForBadDeploy++;
    }
    if (this.#downCount[node]++ > 0) return;
    if (this.#nodesDown++ === 0) this.#riskSince = this.#engine.now;
    const up = this.#replicasUp;
    const lost = this.quorum - 1;
    const before = this.#lacking;
    for (const range of this.sets.rangesOfNode[node]) {
      if (--up[range] === lost) this.#lacking++;
    }
    if (this.#lacking === before) return;
    const share = this.#lacking / this.sets.rangeCount;
    if (this.#current === null) {
      const why = this.#downForBadDeploy > 0 ? OutageCause.badDeploy : this.#downForMaintenance > 0 ? OutageCause.maintenance : OutageCause.hardware;
      this.#current = { start: this.#engine.now, end: this.#engine.now, maxShare: share, ongoing: false, cause: why };
      this.outages.push(this.#current);
    } else if (share > this.#current.maxShare) {
      this.#current.maxShare = share;
    }
  }

  /** Ends one reason (`cause`) for `node` to be down; when none is left, its ranges regain a replica. */
  bringUp(node: number, cause: OutageCause = OutageCause.hardware): void {
    if (this.#downCount[node] === 0) throw new SimulationError(`node ${node} is not down`, `fleet cluster ${this.index}`, this.#engine.now);
    if (cause !== OutageCause.hardware) {
      if (cause === OutageCause.maintenance) this.#downForMaintenance--;
      else this.#downForBadDeploy--;
    }
    if (--this.#downCount[node] > 0) return;
    const up = this.#replicasUp;
    const quorum = this.quorum;
    for (const range of this.sets.rangesOfNode[node]) {
      if (++up[range] === quorum) this.#lacking--;
    }
    if (this.#lacking === 0 && this.#current !== null) {
      this.#current.end = this.#engine.now;
      this.#current = null;
    }
    if (--this.#nodesDown > 0) return;
    this.#riskTotal += this.#engine.now - this.#riskSince;
    const passes = this.#passes;
    for (let i = 0; i < passes.length; i++) passes[i].resume();
  }

  /** An exponential uptime (inverse transform, as the exponential sampler draws it), whole µs. */
  #draw(node: number): Micros {
    // A rare node's uptime can pass every duration a run can have (and 2^53 µs): it never fails then.
    return Math.min(Math.round(-Math.log1p(-this.#failureSources[node]()) * this.#meanUptime), Number.MAX_SAFE_INTEGER - this.#engine.now);
  }

  /** Node `node` fails now: down for the repair time. */
  fail(node: number): void {
    this.nodeFailures++;
    this.takeDown(node);
    // Ups go before downs at the same instant, so a repair and a failure never overlap by 0 µs.
    // A repair longer than any run (a trickle of bandwidth) ends at the last time the engine can hold.
    this.#engine.schedule(Math.min(this.#repairTime(node), Number.MAX_SAFE_INTEGER - this.#engine.now), onRepaired, this.#nodeRefs[node], Priority.HIGH);
  }

  /** Node `node`'s repair ends now: it runs until its next failure. */
  repaired(node: number): void {
    this.bringUp(node);
    this.#engine.schedule(this.#draw(node), onFailure, this.#nodeRefs[node]);
  }

  /** Bytes/s streamed into `node`: its rebuild bandwidth from its peers, or streamBandwidth. */
  #bandwidthInto(node: number): number {
    const b = this.#config.bandwidth;
    return b === undefined ? this.#config.streamBandwidth : rebuildBandwidth(b, this.#peers![node]);
  }

  fullStreamTime(node: number): Micros {
    return this.#config.bandwidth === undefined ? streamTime(this.#config) : transferTime(this.#config.dataPerNode, this.#bandwidthInto(node));
  }

  stepDowntime(node: number, strategy: MaintenanceStrategy): Micros {
    return strategy === "copyState" ? this.fullStreamTime(node) : maintenanceDowntime(this.#config, strategy);
  }

  /** µs a failed `node` stays down, starting now. */
  #repairTime(node: number): Micros {
    const c = this.#config;
    switch (c.repair) {
      case "stream": return this.fullStreamTime(node);
      case "reattach": return c.reattachTime;
      case "snapshot": return snapshotRestoreTime(c.dataPerNode, c.snapshot!, this.#bandwidthInto(node), this.#engine.now % c.snapshot!.every);
    }
  }
}

interface NodeRef {
  readonly cluster: FleetCluster;
  readonly node: number;
}

// Module-level actions: one function for every cluster keeps the event loop's call site monomorphic.
function onFailure(ref: NodeRef): void {
  ref.cluster.fail(ref.node);
}

function onRepaired(ref: NodeRef): void {
  ref.cluster.repaired(ref.node);
}
