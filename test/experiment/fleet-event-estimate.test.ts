import { describe, expect, test } from "vitest";
import { MICROS_PER_HOUR } from "../../src/engine/time.js";
import { MICROS_PER_YEAR } from "../../src/model/fleet/fleet-config.js";
import { fleetEventEstimate } from "../../src/experiment/run-budget.js";
import { fleetConfig } from "../model/fleet/fleet-fixtures.js";

describe("fleetEventEstimate", () => {
  test("two events per node failure and one per step of every stream, maintenance and changes alike", () => {
    // 10 clusters × 6 nodes = 60 nodes; 2 failures per node-year: 120; weekly maintenance 52 passes, daily sidecars 365.
    const stream = { strategy: "noDowntime" as const, everyDays: 1, failureChance: 0, pauseBetweenNodes: MICROS_PER_HOUR };
    const config = fleetConfig({
      duration: MICROS_PER_YEAR, failuresPerNodeYear: 2,
      maintenance: { strategy: "imageInPlace", everyDays: 7, failureChance: 0, pauseBetweenNodes: 0 },
      changes: { sidecars: stream },
    });
    expect(fleetEventEstimate(config).events).toBeCloseTo(2 * 120 + 60 * 52 + 60 * 365, 6);
    expect(fleetEventEstimate(fleetConfig({ failuresPerNodeYear: 2 })).events).toBeCloseTo(240, 6);
  });
});
