import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { MICROS_PER_DAY, MICROS_PER_HOUR } from "../../../src/engine/time.js";
import { MICROS_PER_YEAR, type FleetMaintenance } from "../../../src/model/fleet/fleet-config.js";
import { simulateFleet } from "../../../src/model/fleet/fleet.js";
import { fleetConfig } from "./fleet-fixtures.js";

const weekly = (strategy: FleetMaintenance["strategy"], failureChance = 0): FleetMaintenance => ({
  strategy,
  everyDays: 7,
  failureChance,
  pauseBetweenNodes: MICROS_PER_HOUR,
});

describe("simulateFleet", () => {
  test("hand-checked: 3 nodes failing ~every 9 h, repaired in 30 days, over 10 days: one outage from the 2nd failure on", () => {
    // λ = 1000 per node-year (mean uptime 8.76 h); none is repaired within the 10 days, and the chance that a
    // node does not fail at all in them is e^(−27). Failure times follow from each node's own stream.
    const seed = 11;
    const mean = MICROS_PER_YEAR / 1000;
    const failAt = [0, 1, 2].map((n) => Math.round(-Math.log1p(-streamFor(seed, `fleet/0/${n}/failures`)()) * mean));
    const [first, second] = [...failAt].sort((a, b) => a - b);
    const duration = 10 * MICROS_PER_DAY;
    const config = fleetConfig({
      clusters: 1, nodesPerZone: 1, vnodes: 4, duration, failuresPerNodeYear: 1000,
      repair: "reattach", reattachTime: 30 * MICROS_PER_DAY,
    });
    const o = simulateFleet(config, seed);
    expect(o.nodeFailures).toBe(3);
    expect(o.outages).toBe(1);
    expect(o.outageHours.max).toBeCloseTo((duration - second) / MICROS_PER_HOUR, 9);
    expect(o.rangeShare).toEqual({ mean: 1, max: 1 });
    expect(o.clustersAffected).toBe(1);
    expect(o.timeAtRiskShare).toBeCloseTo((duration - first) / duration, 12);
    expect(o.outagesPerYear).toBeCloseTo(365 / 10, 9);
  });

  test("rolling maintenance alone never takes two nodes of a cluster down: no outage, even when steps go wrong", () => {
    for (const strategy of ["copyState", "reattachDrives", "imageInPlace"] as const) {
      const o = simulateFleet(fleetConfig({ clusters: 50, duration: 90 * MICROS_PER_DAY, maintenance: weekly(strategy, 0.2) }), 1);
      expect(o.outages).toBe(0);
      expect(o.maintenanceOps).toBeGreaterThan(50 * 12 * 6);
      expect(o.maintenanceFailures).toBeGreaterThan(0);
      expect(o.timeAtRiskShare).toBeGreaterThan(0);
      expect(o.nodeFailures).toBe(0);
    }
  });

  test("with failures on, imageInPlace (30 min down) causes fewer outages than copyState (2.8 h down) at the same cadence", () => {
    const run = (strategy: FleetMaintenance["strategy"]) =>
      simulateFleet(fleetConfig({ clusters: 200, failuresPerNodeYear: 4, maintenance: weekly(strategy, 0.01) }), 5);
    const copy = run("copyState");
    const image = run("imageInPlace");
    const none = simulateFleet(fleetConfig({ clusters: 200, failuresPerNodeYear: 4 }), 5);
    expect(image.nodeFailures).toBe(copy.nodeFailures); // common random numbers: same failure streams
    expect(image.outages).toBeLessThan(copy.outages);
    expect(none.outages).toBeLessThan(image.outages);
    expect(image.timeAtRiskShare).toBeLessThan(copy.timeAtRiskShare);
  });

  test("the same seed gives the same outcome; another seed a different one", () => {
    const config = fleetConfig({ clusters: 30, failuresPerNodeYear: 6, maintenance: weekly("reattachDrives", 0.05) });
    const a = simulateFleet(config, 42);
    expect(a.outages).toBeGreaterThan(0);
    expect(simulateFleet(config, 42)).toEqual(a);
    expect(simulateFleet(config, 43)).not.toEqual(a);
  });

  test("a bad config is a RangeError", () => {
    expect(() => simulateFleet(fleetConfig({ clusters: 0 }), 1)).toThrow(RangeError);
    expect(() => simulateFleet(fleetConfig({ maintenance: weekly("imageInPlace", 1.5) }), 1)).toThrow(RangeError);
  });
});
