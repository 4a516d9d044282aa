import { describe, expect, test } from "vitest";
import { MICROS_PER_DAY, MICROS_PER_HOUR } from "../../../src/engine/time.js";
import type { BadDeploys, ChangeStream } from "../../../src/model/fleet/change-streams.js";
import { MICROS_PER_YEAR } from "../../../src/model/fleet/fleet-config.js";
import { simulateFleet } from "../../../src/model/fleet/fleet.js";
import { fleetConfig } from "./fleet-fixtures.js";

const stream = (overrides: Partial<ChangeStream>): ChangeStream => ({
  strategy: "imageInPlace", everyDays: 7, failureChance: 0, pauseBetweenNodes: MICROS_PER_HOUR, ...overrides,
});
const bad: BadDeploys = { share: 0.2, canaryDetects: 0.5, detectAfter: MICROS_PER_HOUR, undetectedOutage: 2 * MICROS_PER_HOUR };

describe("change streams", () => {
  test("a noDowntime sidecar stream steps every node daily and never takes one down", () => {
    // 10 clusters of 6 nodes, 90 days: a pass a day (the first at a random offset in day one) of 6 steps.
    const o = simulateFleet(fleetConfig({ duration: 90 * MICROS_PER_DAY, changes: { sidecars: stream({ strategy: "noDowntime", everyDays: 1 }) } }), 1);
    expect(o.maintenanceOps).toBeGreaterThanOrEqual(10 * 6 * 89);
    expect(o.maintenanceOps).toBeLessThanOrEqual(10 * 6 * 90);
    expect(o.timeAtRiskShare).toBe(0);
    expect(o.outages).toBe(0);
    expect(o.byCause).toEqual({ hardwareOutagesPerYear: 0, maintenanceOutagesPerYear: 0, badDeployOutagesPerYear: 0, badDeploys: 0, badDeploysDetected: 0 });
  });

  test("three streams with downtime (and the old maintenance) never take two nodes down at once: no outage without failures", () => {
    const o = simulateFleet(fleetConfig({
      clusters: 50, duration: 180 * MICROS_PER_DAY,
      maintenance: { strategy: "reattachDrives", everyDays: 5, failureChance: 0.1, pauseBetweenNodes: 0 },
      changes: { sidecars: stream({ strategy: "noDowntime", everyDays: 1 }), processes: stream({ everyDays: 3, failureChance: 0.1 }), stateMoves: stream({ strategy: "copyState", everyDays: 11 }) },
    }), 2);
    expect(o.outages).toBe(0);
    expect(o.maintenanceFailures).toBeGreaterThan(0);
    expect(o.timeAtRiskShare).toBeGreaterThan(0.05);
  });

  test("bad deploys: share and canary detection as drawn; each undetected one is a whole-cluster outage of undetectedOutage, put on bad deploys", () => {
    // 200 clusters for a year, a process change weekly (52 or 53 passes each, ~10 430 in all), 20% bad, half of those
    // detected. No failures: a detected bad change downs its canary only, so the outages are the undetected ones exactly.
    const o = simulateFleet(fleetConfig({ clusters: 200, changes: { processes: stream({ badDeploys: bad }) } }), 4);
    const c = o.byCause!;
    const passes = 200 * (365 / 7);
    // Binomial counts within 4 standard deviations: bad ~ Bin(passes, 0.2), detected ~ Bin(bad, 0.5).
    expect(Math.abs(c.badDeploys - passes * 0.2)).toBeLessThan(4 * Math.sqrt(passes * 0.2 * 0.8) + 200);
    expect(Math.abs(c.badDeploysDetected - c.badDeploys * 0.5)).toBeLessThan(4 * Math.sqrt(c.badDeploys * 0.25));
    expect(o.outages).toBe(c.badDeploys - c.badDeploysDetected);
    // The closed form: clusters × passes a year × share × (1 − canaryDetects) = 200 × 52.14 × 0.2 × 0.5 ≈ 1043.
    expect(Math.abs(o.outagesPerYear - passes * 0.1)).toBeLessThan(4 * Math.sqrt(passes * 0.1 * 0.9) + 20);
    expect(c.badDeployOutagesPerYear).toBe(o.outages);
    expect(c.hardwareOutagesPerYear + c.maintenanceOutagesPerYear).toBe(0);
    expect(o.rangeShare.max).toBe(1);
    expect(o.outageHours.max).toBeCloseTo(2, 9);
    expect(o.outageHours.mean).toBeCloseTo(2, 9);
  });

  test("a canary that always detects keeps every bad change to one node: no outage; one that never does, an outage per bad change", () => {
    const run = (canaryDetects: number) => simulateFleet(fleetConfig({ clusters: 100, changes: { sidecars: stream({ strategy: "noDowntime", everyDays: 1, badDeploys: { ...bad, share: 0.01, canaryDetects } }) } }), 6);
    const always = run(1);
    const never = run(0);
    expect(always.byCause!.badDeploys).toBeGreaterThan(250);
    expect(always.outages).toBe(0);
    expect(never.byCause!.badDeploys).toBe(always.byCause!.badDeploys); // common random numbers
    expect(never.outages).toBe(never.byCause!.badDeploys);
  });

  test("outages by cause add up: with failures and weekly state moves, some are put on maintenance and some on hardware", () => {
    const o = simulateFleet(fleetConfig({ clusters: 200, failuresPerNodeYear: 4, changes: { stateMoves: stream({ strategy: "copyState" }) } }), 5);
    const c = o.byCause!;
    expect(c.hardwareOutagesPerYear + c.maintenanceOutagesPerYear + c.badDeployOutagesPerYear).toBeCloseTo(o.outagesPerYear, 9);
    expect(c.maintenanceOutagesPerYear).toBeGreaterThan(0);
    expect(c.hardwareOutagesPerYear).toBeGreaterThan(0);
  });

  test("the old maintenance key alone keeps the outcome's old shape (no byCause)", () => {
    const o = simulateFleet(fleetConfig({ clusters: 5, duration: MICROS_PER_YEAR / 12, maintenance: { strategy: "imageInPlace", everyDays: 7, failureChance: 0, pauseBetweenNodes: 0 } }), 1);
    expect(o.byCause).toBeUndefined();
  });
});
