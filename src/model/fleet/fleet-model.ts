import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { CHANGE_KINDS } from "./change-streams.js";
import type { FleetConfig } from "./fleet-config.js";
import { buildFleetRings } from "./fleet-rings.js";
import { FleetState } from "./fleet-state.js";
import { NodeFailures } from "./node-failures.js";
import { RebuildTimes } from "./rebuild-times.js";
import { RollingPasses } from "./rolling-pass.js";

/**
 * Every cluster of a fleet on one engine, as structure-of-arrays: the rings and up/down state
 * (FleetState), node failures and repairs (NodeFailures), and one RollingPasses per change
 * stream: `maintenance` first, then the change streams in CHANGE_KINDS order. Each random
 * stream is the one named `fleet/<c>/…` on the run's seed (see each part for its names).
 */
export class FleetModel {
  readonly state: FleetState;
  readonly failures: NodeFailures;
  readonly passes: readonly RollingPasses[];
  readonly times: RebuildTimes;

  constructor(engine: Engine, config: FleetConfig, seed: number) {
    const rings = buildFleetRings(config, config.clusters, seed, config.bandwidth !== undefined);
    this.state = new FleetState(engine, rings, config.replicationFactor);
    this.times = new RebuildTimes(config, rings.peers);
    this.failures = new NodeFailures(engine, this.state, this.times, config.failuresPerNodeYear, seed);
    const passes: RollingPasses[] = [];
    if (config.maintenance !== undefined) {
      passes.push(new RollingPasses(engine, this.state, this.times, config.maintenance, seed, (c) => `fleet/${c}/maintenance`));
    }
    for (const kind of CHANGE_KINDS) {
      const stream = config.changes?.[kind];
      if (stream !== undefined) passes.push(new RollingPasses(engine, this.state, this.times, stream, seed, (c) => `fleet/${c}/changes/${kind}`));
    }
    this.passes = passes;
    this.state.onAllUp = (c) => {
      for (let i = 0; i < passes.length; i++) passes[i].resume(c);
    };
  }

  /** Schedules, cluster after cluster, each node's first failure and each stream's first pass. */
  start(): void {
    for (let c = 0; c < this.state.rings.clusters; c++) {
      this.failures.start(c);
      for (const pass of this.passes) pass.start(c);
    }
  }

  /** Closes the outages still open at `now`, the end of the run. */
  finish(now: Micros): void {
    this.state.finish(now);
  }

  /** Steps taken over every stream; those that went wrong; bad changes rolled out and those detected. */
  get passTotals(): { ops: number; failures: number; badDeploys: number; badDetected: number } {
    const total = { ops: 0, failures: 0, badDeploys: 0, badDetected: 0 };
    for (const p of this.passes) {
      total.ops += p.ops;
      total.failures += p.failures;
      total.badDeploys += p.badDeploys;
      total.badDetected += p.badDetected;
    }
    return total;
  }
}
