import { describe, expect, test } from "vitest";
import { Engine, Priority } from "../../../src/engine/engine.js";
import { streamFor } from "../../../src/engine/random-streams.js";
import { MICROS_PER_DAY, MICROS_PER_HOUR } from "../../../src/engine/time.js";
import type { FleetConfig } from "../../../src/model/fleet/fleet-config.js";
import { fleetConfig } from "./fleet-fixtures.js";
import { oneCluster } from "./one-cluster.js";

function harness(overrides: Partial<FleetConfig> = {}, seed = 1) {
  const engine = new Engine();
  const config = fleetConfig({ clusters: 1, ...overrides });
  const cluster = oneCluster(engine, config, seed);
  const at = (t: number, action: () => void) => engine.scheduleAt(t, action, undefined, Priority.LOW);
  return { engine, cluster, config, at };
}

describe("a fleet cluster's bookkeeping, driven by hand", () => {
  test("3 nodes, RF 3: one down is safe; a second down is an outage of every range until one returns", () => {
    const { engine, cluster, at } = harness({ nodesPerZone: 1, vnodes: 2 });
    at(0, () => cluster.takeDown(0));
    at(10, () => cluster.takeDown(1));
    at(20, () => cluster.bringUp(1));
    at(30, () => cluster.bringUp(0));
    engine.run();
    cluster.finish(engine.now);
    expect(cluster.outages).toEqual([{ start: 10, end: 20, maxShare: 1, ongoing: false, cause: 0 }]);
    expect(cluster.timeAtRisk(engine.now)).toBe(30);
    expect(cluster.nodesDown).toBe(0);
  });

  test("a node down for two reasons stays down until both end", () => {
    const { engine, cluster, at } = harness({ nodesPerZone: 1, vnodes: 2 });
    at(0, () => cluster.takeDown(0));
    at(5, () => cluster.takeDown(0)); // maintenance on top of a failure
    at(10, () => cluster.bringUp(0));
    at(15, () => cluster.takeDown(1)); // node 0 still down: outage
    at(20, () => cluster.bringUp(0));
    at(25, () => cluster.bringUp(1));
    engine.run();
    expect(cluster.outages).toEqual([{ start: 15, end: 20, maxShare: 1, ongoing: false, cause: 0 }]);
    expect(cluster.timeAtRisk(engine.now)).toBe(25);
  });

  test("the share without quorum is the ranges with two of their replicas down, at the worst moment", () => {
    const { engine, cluster, at } = harness({ nodesPerZone: 2, vnodes: 8 });
    const lacking = (down: number[]) => cluster.sets.replicas.filter((set) => set.filter((n) => down.includes(n)).length >= 2).length;
    const seen: number[] = [];
    at(0, () => cluster.takeDown(0));
    at(1, () => cluster.takeDown(2)); // other zone: the ranges holding both 0 and 2
    at(2, () => cluster.takeDown(1)); // same zone as 0, so never with 0 in a range: adds those holding 1 and 2
    at(3, () => cluster.bringUp(1));
    for (const t of [1, 2, 3]) at(t, () => seen.push(cluster.rangesWithoutQuorum));
    engine.run();
    cluster.finish(100);
    expect(lacking([0, 1])).toBe(0);
    expect(seen).toEqual([lacking([0, 2]), lacking([0, 1, 2]), lacking([0, 2])]);
    expect(seen[1]).toBeGreaterThan(seen[0]);
    expect(cluster.outages).toEqual([{ start: 1, end: 100, maxShare: seen[1] / cluster.sets.rangeCount, ongoing: true, cause: 0 }]);
  });

  test("rf 5 (quorum 3): any set of down nodes gives the ranges with three or more of them down, in any order of downs and ups", () => {
    // 5 zones × 2 nodes, 4 vnodes: a range loses quorum only with 3 of its 5 replicas down, so the first two
    // downs leave the ranges untouched and the third counts all three in at once.
    const { engine, cluster, at } = harness({ zones: 5, nodesPerZone: 2, replicationFactor: 5, vnodes: 4 });
    const lacking = (down: Set<number>) => cluster.sets.replicas.filter((set) => set.filter((n) => down.has(n)).length >= 3).length;
    const steps: Array<[number, "down" | "up"]> = [[0, "down"], [3, "down"], [0, "up"], [5, "down"], [7, "down"], [0, "down"], [3, "up"], [9, "down"], [5, "up"], [7, "up"], [0, "up"], [9, "up"], [2, "down"]];
    const down = new Set<number>();
    const expected: number[] = [];
    const seen: number[] = [];
    steps.forEach(([node, what], t) => {
      if (what === "down") down.add(node);
      else down.delete(node);
      expected.push(lacking(down));
      at(t, () => (what === "down" ? cluster.takeDown(node) : cluster.bringUp(node)));
      at(t, () => seen.push(cluster.rangesWithoutQuorum));
    });
    engine.run();
    expect(seen).toEqual(expected);
    expect(Math.max(...expected)).toBeGreaterThan(0);
    expect(cluster.nodesDown).toBe(1);
  });

  test("bringing up a node that is not down is a bug", () => {
    const { cluster } = harness();
    expect(() => cluster.bringUp(0)).toThrow(/not down/);
  });
});

describe("a fleet cluster's rolling maintenance", () => {
  const image = 30 * 60e6;
  const pause = MICROS_PER_HOUR;
  const maintenance = { strategy: "imageInPlace" as const, everyDays: 1, failureChance: 0, pauseBetweenNodes: pause };

  test("one node at a time from a random offset: 6 steps of 30 min, 1 h apart, then the next pass a period later", () => {
    const seed = 3;
    const { engine, cluster } = harness({ imageTime: image, maintenance }, seed);
    const offset = Math.floor(streamFor(seed, "fleet/0/maintenance/start")() * MICROS_PER_DAY);
    cluster.start();
    const passEnd = offset + 5 * (image + pause) + image;
    engine.run({ until: passEnd - 1 });
    expect([cluster.maintenanceOps, cluster.nodesDown]).toEqual([6, 1]);
    engine.run({ until: passEnd });
    expect([cluster.maintenanceOps, cluster.nodesDown]).toEqual([6, 0]);
    expect(cluster.timeAtRisk(passEnd)).toBe(6 * image);
    engine.run({ until: offset + MICROS_PER_DAY });
    expect(cluster.maintenanceOps).toBe(7);
    expect(cluster.outages).toEqual([]);
  });

  test("never starts while another node is down: it waits until all are up, then the pause", () => {
    const { engine, cluster, at } = harness({ imageTime: image, maintenance });
    const back = 2 * MICROS_PER_DAY; // later than any offset within the first day
    at(0, () => cluster.takeDown(5));
    at(back, () => cluster.bringUp(5));
    cluster.start();
    engine.run({ until: back + pause - 1 });
    expect(cluster.maintenanceOps).toBe(0);
    engine.run({ until: back + pause });
    expect([cluster.maintenanceOps, cluster.nodesDown]).toEqual([1, 1]);
  });

  test("a step that goes wrong keeps the node down for a full stream of its data (10 000 s)", () => {
    const { engine, cluster } = harness({ imageTime: image, maintenance: { ...maintenance, failureChance: 1 } }, 3);
    const offset = Math.floor(streamFor(3, "fleet/0/maintenance/start")() * MICROS_PER_DAY);
    cluster.start();
    engine.run({ until: offset + 10_000e6 - 1 });
    expect([cluster.maintenanceOps, cluster.maintenanceFailures, cluster.nodesDown]).toEqual([1, 1, 1]);
    engine.run({ until: offset + 10_000e6 });
    expect(cluster.nodesDown).toBe(0);
  });
});
