import { MICROS_PER_HOUR } from "../../../src/engine/time.js";
import { MICROS_PER_YEAR, type FleetConfig } from "../../../src/model/fleet/fleet-config.js";

/** A small fleet: 10 clusters of 3 zones × 2 nodes, RF 3, 16 vnodes, 1 TB at 100 MB/s (10 000 s), no failures, no maintenance. */
export function fleetConfig(overrides: Partial<FleetConfig> = {}): FleetConfig {
  return {
    duration: MICROS_PER_YEAR,
    clusters: 10,
    zones: 3,
    nodesPerZone: 2,
    replicationFactor: 3,
    vnodes: 16,
    dataPerNode: 1e12,
    streamBandwidth: 1e8,
    failuresPerNodeYear: 0,
    repair: "stream",
    reattachTime: MICROS_PER_HOUR / 6,
    imageTime: MICROS_PER_HOUR / 2,
    ...overrides,
  };
}
