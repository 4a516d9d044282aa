import { describe, expect, test } from "vitest";
import { Engine, Priority } from "../../../src/engine/engine.js";
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_S } from "../../../src/engine/time.js";
import type { FleetConfig } from "../../../src/model/fleet/fleet-config.js";
import { rebuildBandwidth, snapshotRestoreTime } from "../../../src/model/fleet/recovery-physics.js";
import { simulateFleet } from "../../../src/model/fleet/fleet.js";
import { fleetConfig } from "./fleet-fixtures.js";
import { oneCluster } from "./one-cluster.js";

const GB = 1e9;
const MB = 1e6;

/** Fails `node` at `at` µs on a one-cluster fleet (failures so rare that no other comes) and returns how long it stayed down. */
function downtimeOfOneFailure(overrides: Partial<FleetConfig>, node: number, at = 0) {
  const engine = new Engine();
  const config = fleetConfig({ clusters: 1, failuresPerNodeYear: 1e-12, ...overrides });
  const cluster = oneCluster(engine, config, 3);
  engine.scheduleAt(at, () => cluster.fail(node), undefined, Priority.LOW);
  engine.run({ until: at + 30 * MICROS_PER_DAY });
  expect(cluster.nodesDown).toBe(0);
  return { down: cluster.timeAtRisk(engine.now), cluster };
}

/** Per node, its distinct range-sharing peers, counted here from the replica sets themselves. */
function peersFromReplicas(cluster: ReturnType<typeof oneCluster>): number[] {
  const peers = Array.from({ length: cluster.sets.nodes }, () => new Set<number>());
  for (const set of cluster.sets.replicas) for (const a of set) for (const b of set) if (a !== b) peers[a].add(b);
  return peers.map((s) => s.size);
}

describe("rebuild bandwidth: min(inbound, peers × outbound × outboundShare)", () => {
  test("the formula", () => {
    const b = { inbound: 1 * GB, outbound: 1 * GB, outboundShare: 0.1 };
    expect(rebuildBandwidth(b, 2)).toBeCloseTo(0.2 * GB, 3);
    expect(rebuildBandwidth(b, 8)).toBeCloseTo(0.8 * GB, 3);
    expect(rebuildBandwidth(b, 20)).toBe(1 * GB); // the node's own inbound is the bound
  });

  // 3 zones × 4 nodes, RF 3, 1 TB per node; peers give 10% of 1 GB/s each; inbound 2 GB/s does not bind below 20 peers.
  const bandwidth = { inbound: 2 * GB, outbound: 1 * GB, outboundShare: 0.1 };
  for (const vnodes of [1, 4, 16, 64]) {
    test(`a stream repair with ${vnodes} vnodes takes dataPerNode / (peers × 100 MB/s), to the µs, for every node`, () => {
      const overrides: Partial<FleetConfig> = { nodesPerZone: 4, vnodes, dataPerNode: 1e12, bandwidth, repair: "stream" };
      const peers = peersFromReplicas(downtimeOfOneFailure(overrides, 0).cluster);
      for (let node = 0; node < 12; node++) {
        const { down } = downtimeOfOneFailure(overrides, node);
        expect(down).toBe(Math.round((1e12 / (peers[node] * 0.1 * GB)) * MICROS_PER_S));
      }
      // More vnodes mix the ring: at 64 every node of the other two zones is a peer (8), a rebuild of 1250 s.
      if (vnodes === 64) expect(peers).toEqual(Array(12).fill(8));
      if (vnodes === 1) expect(peers.reduce((a, b) => a + b, 0) / 12).toBeLessThan(6);
    });
  }

  test("with a narrow inbound link, rebuild time is dataPerNode / inbound whatever the peers", () => {
    const { down } = downtimeOfOneFailure({ nodesPerZone: 4, vnodes: 64, dataPerNode: 1e12, bandwidth: { inbound: 0.25 * GB, outbound: 1 * GB, outboundShare: 0.1 } }, 5);
    expect(down).toBe(4000 * MICROS_PER_S);
  });

  test("without bandwidth, streamBandwidth still gives the time (dataPerNode / streamBandwidth)", () => {
    const { down } = downtimeOfOneFailure({ dataPerNode: 1e12, streamBandwidth: 1e8 }, 2);
    expect(down).toBe(10_000 * MICROS_PER_S);
  });
});

describe("snapshot restore with delta catch-up: S/B + w·(a + S/B)/(c − w)", () => {
  // S = 1 TB, B = 1 GB/s download (D = 1000 s), w = 1 MB/s writes, c = 100 MB/s catch-up (streamBandwidth),
  // snapshots daily. Failing 1 h after a snapshot: a = 3600 s, deltas 1 MB/s × 4600 s = 4.6 GB, caught up in
  // 4.6e9 / 99e6 = 46.4646… s: short 1046.4646… s, against 10 000 s streaming the whole node.
  const snapshot = { every: MICROS_PER_DAY, bandwidth: 1 * GB, writeRate: 1 * MB };
  const expected = (1000 + 4.6e9 / 99e6) * MICROS_PER_S;

  test("the formula, by hand", () => {
    expect(snapshotRestoreTime(1e12, snapshot, 100 * MB, MICROS_PER_HOUR)).toBe(Math.round(expected));
    expect(() => snapshotRestoreTime(1e12, snapshot, 1 * MB, 0)).toThrow(/more bandwidth/);
  });

  test("a node failing 1 h after the day's snapshot is one replica short for 1046.46 s; streaming would take 10 000 s", () => {
    const at = 3 * MICROS_PER_DAY + MICROS_PER_HOUR;
    const { down } = downtimeOfOneFailure({ dataPerNode: 1e12, streamBandwidth: 100 * MB, repair: "snapshot", snapshot }, 1, at);
    expect(down).toBe(Math.round(expected));
    expect(downtimeOfOneFailure({ dataPerNode: 1e12, streamBandwidth: 100 * MB }, 1, at).down).toBe(10_000 * MICROS_PER_S);
  });

  test("catch-up streams from the node's peers when bandwidth is set (c = peers × outbound × share)", () => {
    // 3 nodes, one per zone: each has exactly 2 peers, c = 2 × 1 GB/s × 5% = 100 MB/s, the same as above.
    const overrides: Partial<FleetConfig> = {
      nodesPerZone: 1, dataPerNode: 1e12, streamBandwidth: 1, repair: "snapshot", snapshot,
      bandwidth: { inbound: 10 * GB, outbound: 1 * GB, outboundShare: 0.05 },
    };
    expect(downtimeOfOneFailure(overrides, 0, 5 * MICROS_PER_DAY + MICROS_PER_HOUR).down).toBe(Math.round(expected));
  });
});

describe("peer-bound rebuilds at fleet scale", () => {
  test("quorum losses per year ≈ C · n · λ · (λ · S / (outbound × share)) whatever the vnodes: more peers, each rebuild shorter in proportion", () => {
    // A failure of node A loses quorum iff one of its p peers fails while it rebuilds, r = S / (p · o · share):
    // chance ≈ p · λ · r = λ · S / (o · share), the same for every node. 220 clusters × 6 nodes × 100/yr × 0.008
    // ≈ 1056 expected; 3 Poisson SE ≈ 97. (The estimate's own excess, as in quorum-loss-estimate.test.ts, ~1–2%.)
    const lambda = 100;
    const seconds = (0.008 / lambda) * (MICROS_PER_DAY / MICROS_PER_S) * 365; // S / (o · share) in s
    const bandwidth = { inbound: 1e15, outbound: 1e9, outboundShare: 0.1 };
    const expected = 220 * 6 * lambda * 0.008;
    for (const vnodes of [1, 16]) {
      const o = simulateFleet(fleetConfig({ clusters: 220, failuresPerNodeYear: lambda, vnodes, dataPerNode: seconds * 1e8, bandwidth }), 7);
      expect(Math.abs(o.outages - expected)).toBeLessThan(3 * Math.sqrt(expected));
      expect(o.byCause!.hardwareOutagesPerYear).toBe(o.outagesPerYear);
    }
  });
});
