import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { MICROS_PER_DAY, MICROS_PER_HOUR } from "../../../src/engine/time.js";
import { AleaStates } from "../../../src/model/fleet/alea-states.js";
import type { ChangeStream } from "../../../src/model/fleet/change-streams.js";
import { MICROS_PER_YEAR, type FleetConfig } from "../../../src/model/fleet/fleet-config.js";
import { buildFleetRings } from "../../../src/model/fleet/fleet-rings.js";
import { simulateFleet } from "../../../src/model/fleet/fleet.js";
import { buildReplicaSets, peerCounts, type RingShape } from "../../../src/model/fleet/replica-sets.js";
import { fleetConfig } from "./fleet-fixtures.js";
import { referenceSimulateFleet } from "./reference/reference-fleet.js";

describe("AleaStates", () => {
  test("stream i draws exactly what streamFor(seed, name) draws, for any name", () => {
    const names = ["fleet/0/tokens", "fleet/19999/11/failures", "fleet/7/changes/processes/bad", "é ünïcode 中"];
    const states = new AleaStates(names.length);
    names.forEach((name, i) => states.seed(i, 123456789, name));
    names.forEach((name, i) => {
      const reference = streamFor(123456789, name);
      for (let k = 0; k < 10_000; k++) expect(states.next(i)).toBe(reference());
    });
  });
});

describe("buildFleetRings", () => {
  const shapes: RingShape[] = [
    { zones: 3, nodesPerZone: 4, replicationFactor: 3, vnodes: 16 },
    { zones: 2, nodesPerZone: 3, replicationFactor: 3, vnodes: 5 }, // fewer zones than replicas
    { zones: 5, nodesPerZone: 1, replicationFactor: 5, vnodes: 1 },
    { zones: 1, nodesPerZone: 7, replicationFactor: 2, vnodes: 64 },
  ];
  for (const shape of shapes) {
    test(`every cluster's ranges per node and peers are buildReplicaSets' (${JSON.stringify(shape)})`, () => {
      const clusters = 40;
      const rings = buildFleetRings(shape, clusters, 9, true);
      for (let c = 0; c < clusters; c++) {
        const sets = buildReplicaSets(shape, streamFor(9, `fleet/${c}/tokens`));
        const peers = peerCounts(sets);
        for (let node = 0; node < rings.nodes; node++) {
          const id = c * rings.nodes + node;
          const end = node + 1 < rings.nodes ? rings.offset[id + 1] : rings.perCluster;
          const ranges = rings.ranges.subarray(c * rings.perCluster + rings.offset[id], c * rings.perCluster + end);
          expect(Array.from(ranges)).toEqual(Array.from(sets.rangesOfNode[node]));
          expect(rings.peers![id]).toBe(peers[node]);
        }
      }
    });
  }
});

const stream = (overrides: Partial<ChangeStream>): ChangeStream => ({
  strategy: "imageInPlace", everyDays: 7, failureChance: 0.05, pauseBetweenNodes: MICROS_PER_HOUR, ...overrides,
});
const bad = { share: 0.2, canaryDetects: 0.6, detectAfter: 2 * MICROS_PER_HOUR, undetectedOutage: 3 * MICROS_PER_HOUR };

/** Configurations that reach every mechanism: failures with each repair, bandwidth, maintenance, the change streams, bad deploys. */
const CASES: Array<[string, Partial<FleetConfig>]> = [
  ["failures only, stream repair", { clusters: 60, failuresPerNodeYear: 30 }],
  ["failures, 64 vnodes (more than 256 ranges a cluster)", { clusters: 20, vnodes: 64, failuresPerNodeYear: 40 }],
  ["failures, re-attach, rf 2 on 2 zones", { clusters: 40, zones: 2, nodesPerZone: 3, replicationFactor: 2, failuresPerNodeYear: 50, repair: "reattach", reattachTime: 12 * MICROS_PER_HOUR }],
  ["rf 5 on 3 zones, vnodes 4", { clusters: 30, zones: 3, nodesPerZone: 3, replicationFactor: 5, vnodes: 4, failuresPerNodeYear: 60 }],
  ["weekly copyState maintenance with mishaps and failures", { clusters: 50, failuresPerNodeYear: 20, maintenance: { strategy: "copyState", everyDays: 7, failureChance: 0.1, pauseBetweenNodes: MICROS_PER_HOUR } }],
  ["bandwidth-bound stream repair, vnodes 1", { clusters: 40, vnodes: 1, failuresPerNodeYear: 40, bandwidth: { inbound: 2e9, outbound: 1e9, outboundShare: 0.02 } }],
  ["snapshot restore with bandwidth", {
    clusters: 40, failuresPerNodeYear: 40, repair: "snapshot", snapshot: { every: MICROS_PER_DAY, bandwidth: 1e9, writeRate: 1e6 },
    bandwidth: { inbound: 2e9, outbound: 1e9, outboundShare: 0.05 },
  }],
  ["every change stream, bad deploys, maintenance and failures", {
    clusters: 50, failuresPerNodeYear: 15,
    maintenance: { strategy: "reattachDrives", everyDays: 10, failureChance: 0.05, pauseBetweenNodes: 0 },
    changes: {
      sidecars: stream({ strategy: "noDowntime", everyDays: 1, failureChance: 0, badDeploys: { ...bad, share: 0.02 } }),
      processes: stream({ everyDays: 5, badDeploys: bad }),
      stateMoves: stream({ strategy: "copyState", everyDays: 30 }),
    },
  }],
  ["a run shorter than the first passes", { clusters: 20, duration: 2 * MICROS_PER_DAY, failuresPerNodeYear: 300, changes: { processes: stream({ everyDays: 30, badDeploys: bad }) } }],
];

describe("the structure-of-arrays fleet against the object-per-cluster reference", () => {
  for (const [name, overrides] of CASES) {
    test(`the same outcome, exactly: ${name}`, () => {
      const config = fleetConfig({ duration: MICROS_PER_YEAR, ...overrides });
      for (const seed of [1, 2]) {
        const soa = simulateFleet(config, seed);
        expect(soa).toEqual(referenceSimulateFleet(config, seed));
        expect(soa.outages + soa.maintenanceOps).toBeGreaterThan(0);
      }
    });
  }
});
