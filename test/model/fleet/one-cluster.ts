import { Engine } from "../../../src/engine/engine.js";
import { streamFor } from "../../../src/engine/random-streams.js";
import type { Micros } from "../../../src/engine/time.js";
import type { OutageCause } from "../../../src/model/fleet/change-streams.js";
import type { FleetConfig } from "../../../src/model/fleet/fleet-config.js";
import { FleetModel } from "../../../src/model/fleet/fleet-model.js";
import { buildReplicaSets } from "../../../src/model/fleet/replica-sets.js";

/**
 * Cluster 0 of a fleet model, seen as one cluster (for tests that drive it by hand): its replica
 * sets are rebuilt independently with `buildReplicaSets` from the cluster's tokens stream.
 */
export function oneCluster(engine: Engine, config: FleetConfig, seed: number) {
  const fleet = new FleetModel(engine, config, seed);
  const { state } = fleet;
  const c = 0;
  return {
    fleet,
    sets: buildReplicaSets(config, streamFor(seed, `fleet/${c}/tokens`)),
    start: () => fleet.start(),
    takeDown: (node: number, cause?: OutageCause) => state.takeDown(c, node, cause),
    bringUp: (node: number, cause?: OutageCause) => state.bringUp(c, node, cause),
    fail: (node: number) => fleet.failures.fail(c * state.rings.nodes + node),
    finish: (now: Micros) => fleet.finish(now),
    timeAtRisk: (now: Micros) => state.timeAtRisk(c, now),
    get nodesDown() {
      return state.nodesDown(c);
    },
    get rangesWithoutQuorum() {
      return state.rangesWithoutQuorum(c);
    },
    get maintenanceOps() {
      return fleet.passTotals.ops;
    },
    get maintenanceFailures() {
      return fleet.passTotals.failures;
    },
    /** The cluster's outages as { start, end, maxShare, ongoing, cause }. */
    get outages() {
      const log = state.outages;
      return Array.from({ length: log.size }, (_, i) => {
        const { start, end, maxLacking, ongoing, cause } = log.get(i);
        return { start, end, maxShare: maxLacking / state.rings.rangeCount, ongoing, cause };
      });
    },
  };
}
