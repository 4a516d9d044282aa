import { Priority, type Engine } from "../../engine/engine.js";
import type { RandomStreams, Source } from "../../engine/random-streams.js";
import { MICROS_PER_DAY, type Micros } from "../../engine/time.js";
import {
  MICROS_PER_YEAR,
  maintenanceDowntime,
  repairTime,
  streamTime,
  type FleetConfig,
  type FleetMaintenance,
} from "./fleet-config.js";
import { quorum } from "../cluster/consistency.js";
import { SimulationError } from "../simulation-error.js";
import { buildReplicaSets, type ReplicaSets } from "./replica-sets.js";

/** A span during which at least one of a cluster's ranges had fewer than a quorum of replicas up. */
export interface Outage {
  readonly start: Micros;
  /** When every range had a quorum again, or the end of the run when `ongoing`. */
  end: Micros;
  /** The largest share of the cluster's ranges without quorum at any moment of the outage, in (0, 1]. */
  maxShare: number;
  /** True when the run ended during the outage. */
  ongoing: boolean;
}

/**
 * One cluster of the fleet on a shared engine. Nodes are down-counted (a node down for a failure
 * and for maintenance at once stays down until both end); per range it keeps the replicas up.
 * Only the ranges of a node that changes state are touched. Streams used:
 * `fleet/<c>/tokens`, `fleet/<c>/<node>/failures`, `fleet/<c>/maintenance/start`,
 * `fleet/<c>/maintenance/mishaps`.
 */
export class FleetCluster {
  readonly index: number;
  readonly sets: ReplicaSets;
  readonly quorum: number;
  readonly outages: Outage[] = [];
  nodeFailures = 0;
  maintenanceOps = 0;
  maintenanceFailures = 0;

  readonly #engine: Engine;
  readonly #config: FleetConfig;
  readonly #downCount: Uint8Array;
  readonly #replicasUp: Uint8Array;
  readonly #failureSources: Source[];
  /** One preallocated event argument per node, so the actions below are shared by all clusters. */
  readonly #nodeRefs: NodeRef[];
  readonly #maintenance: FleetMaintenance | undefined;
  readonly #mishaps: Source | undefined;
  readonly #maintenanceStart: Source | undefined;
  readonly #meanUptime: number;
  #nodesDown = 0;
  #lacking = 0;
  #current: Outage | null = null;
  #riskSince = 0;
  #riskTotal = 0;
  #passNode = 0;
  #passStart = 0;
  #waiting = false;

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
    this.#maintenance = config.maintenance;
    if (this.#maintenance !== undefined) {
      this.#maintenanceStart = streams.stream(`fleet/${index}/maintenance/start`);
      this.#mishaps = streams.stream(`fleet/${index}/maintenance/mishaps`);
    }
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
    if (this.#maintenance !== undefined) {
      const period = maintenancePeriod(this.#maintenance);
      this.#engine.schedule(Math.floor(this.#maintenanceStart!() * period), this.#startPass, undefined);
    }
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

  /** Counts one more reason for `node` to be down; on its first, its ranges lose a replica. */
  takeDown(node: number): void {
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
      this.#current = { start: this.#engine.now, end: this.#engine.now, maxShare: share, ongoing: false };
      this.outages.push(this.#current);
    } else if (share > this.#current.maxShare) {
      this.#current.maxShare = share;
    }
  }

  /** Ends one reason for `node` to be down; when none is left, its ranges regain a replica. */
  bringUp(node: number): void {
    if (this.#downCount[node] === 0) throw new SimulationError(`node ${node} is not down`, `fleet cluster ${this.index}`, this.#engine.now);
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
    if (this.#waiting) {
      this.#waiting = false;
      this.#engine.schedule(this.#maintenance!.pauseBetweenNodes, this.#tryStep, undefined);
    }
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
    this.#engine.schedule(repairTime(this.#config), onRepaired, this.#nodeRefs[node], Priority.HIGH);
  }

  /** Node `node`'s repair ends now: it runs until its next failure. */
  repaired(node: number): void {
    this.bringUp(node);
    this.#engine.schedule(this.#draw(node), onFailure, this.#nodeRefs[node]);
  }

  readonly #startPass = (): void => {
    this.#passNode = 0;
    this.#passStart = this.#engine.now;
    this.#tryStep();
  };

  /** Maintains the pass's next node if no node is down; else waits until all are up, then the pause. */
  readonly #tryStep = (): void => {
    const m = this.#maintenance!;
    if (this.#passNode >= this.sets.nodes) {
      // Past every duration a run can have, a pass never starts: held to a time the engine can hold.
      const next = Math.min(Math.max(this.#passStart + maintenancePeriod(m), this.#engine.now), Number.MAX_SAFE_INTEGER);
      this.#engine.scheduleAt(next, this.#startPass, undefined);
      return;
    }
    if (this.#nodesDown > 0) {
      this.#waiting = true;
      return;
    }
    const node = this.#passNode;
    const mishap = this.#mishaps!() < m.failureChance;
    this.maintenanceOps++;
    if (mishap) this.maintenanceFailures++;
    this.takeDown(node);
    const downtime = mishap ? streamTime(this.#config) : maintenanceDowntime(this.#config, m.strategy);
    this.#engine.schedule(downtime, this.#endStep, node, Priority.HIGH);
  };

  readonly #endStep = (node: number): void => {
    this.#passNode = node + 1;
    this.bringUp(node);
    this.#engine.schedule(this.#maintenance!.pauseBetweenNodes, this.#tryStep, undefined);
  };
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

/** µs between the starts of two maintenance passes over one cluster. */
export function maintenancePeriod(m: FleetMaintenance): Micros {
  return Math.max(1, Math.round(m.everyDays * MICROS_PER_DAY));
}
