import { describe, expect, test } from "vitest";
import { MICROS_PER_DAY } from "../../../src/engine/time.js";
import { MICROS_PER_YEAR, maintenanceDowntime, streamTime, type FleetConfig } from "../../../src/model/fleet/fleet-config.js";
import { simulateFleet } from "../../../src/model/fleet/fleet.js";
import { expectedQuorumLossesPerYear, fullyMixedPeers } from "../../../src/model/fleet/quorum-loss-estimate.js";
import { fleetConfig } from "./fleet-fixtures.js";

const weekly = (strategy: "copyState" | "imageInPlace", failureChance: number) => ({ strategy, everyDays: 7, failureChance, pauseBetweenNodes: 0 });

/**
 * Maintenance-caused quorum losses per year, closed form. A maintenance step holds node M down
 * for w (1 − f of steps: the strategy's downtime; f: a full stream); a step starts only with
 * every node up, so the step's quorum is lost iff one of M's p peers fails during it, with
 * probability ≈ p·λ·w. Steps per year: C · n · (days per year / everyDays).
 * So losses/year ≈ C · n · (365 / everyDays) · p · λ · E[w]. Left out (each lowers the rate by
 * about p·λ·w ≈ 0.3%): a peer already down, M failing itself, two peers failing in one step.
 */
function expectedMaintenanceLosses(config: FleetConfig): number {
  const m = config.maintenance!;
  const w = ((1 - m.failureChance) * maintenanceDowntime(config, m.strategy) + m.failureChance * streamTime(config)) / MICROS_PER_YEAR;
  const steps = config.clusters * config.zones * config.nodesPerZone * (MICROS_PER_YEAR / MICROS_PER_DAY / m.everyDays);
  return steps * fullyMixedPeers(config) * config.failuresPerNodeYear * w;
}

/** Sums of outcomes over `seeds` seeds (a year each): outages by range cause. */
function pooled(config: FleetConfig, seeds: readonly number[]) {
  const sum = { outages: 0, hardware: 0, maintenance: 0, badDeploy: 0 };
  for (const seed of seeds) {
    const o = simulateFleet(config, seed, undefined, { rangeCauses: true });
    const c = o.byRangeCause!;
    sum.outages += o.outages;
    sum.hardware += c.hardware * o.years;
    sum.maintenance += c.maintenance * o.years;
    sum.badDeploy += c.badDeploy * o.years;
  }
  return sum;
}

describe("outages by range cause", () => {
  test("absent unless asked for: existing outcomes keep their shape", () => {
    expect(simulateFleet(fleetConfig({ failuresPerNodeYear: 1 }), 1).byRangeCause).toBeUndefined();
  });

  test("maintenance without failures never loses a quorum, even with every step going wrong", () => {
    const o = simulateFleet(fleetConfig({ clusters: 50, maintenance: weekly("copyState", 1) }), 2, undefined, { rangeCauses: true });
    expect(o.maintenanceFailures).toBeGreaterThan(0);
    expect(o.byRangeCause).toEqual({ hardware: 0, maintenance: 0, badDeploy: 0 });
  });

  test("failures alone: every outage is hardware, at the closed-form rate C·n·p·λ²·r (within 3 Poisson sd, 30%)", () => {
    // 200 clusters × 6 nodes, 4 peers, λ = 2/yr, r = 10 000 s: ≈ 6.1 a year; 16 seeds pooled ≈ 97, Poisson sd ≈ 10%.
    const config = fleetConfig({ clusters: 200, failuresPerNodeYear: 2 });
    const seeds = Array.from({ length: 16 }, (_, i) => 100 + i);
    const s = pooled(config, seeds);
    const expected = expectedQuorumLossesPerYear(config) * seeds.length;
    expect(s.maintenance).toBe(0);
    expect(s.badDeploy).toBe(0);
    expect(s.hardware).toBe(s.outages);
    // The estimate is also an upper bound, by about p·λ·r ≈ 0.25%.
    expect(Math.abs(s.hardware - expected) / expected).toBeLessThan(0.3);
  });

  test("weekly state copies with failures: maintenance outages at C·n·(365/7)·p·λ·w (within 3 sd), hardware ones as without maintenance", () => {
    // w = 10 000 s (a stream): 200 · 6 · 52.14 · 4 · 2 · 3.17e-4 ≈ 159 a year; 3 seeds ≈ 476, Poisson sd ≈ 22 (4.6%).
    const config = fleetConfig({ clusters: 200, failuresPerNodeYear: 2, maintenance: weekly("copyState", 0) });
    const seeds = [7, 8, 9];
    const s = pooled(config, seeds);
    const expected = expectedMaintenanceLosses(config) * seeds.length;
    expect(expected).toBeGreaterThan(450);
    expect(Math.abs(s.maintenance - expected)).toBeLessThan(3 * Math.sqrt(expected));
    // The hardware outages are those failures alone would cause (≈ 6 a year; the same failure streams).
    const alone = pooled(fleetConfig({ clusters: 200, failuresPerNodeYear: 2 }), seeds);
    expect(Math.abs(s.hardware - alone.hardware)).toBeLessThanOrEqual(Math.max(4, 0.3 * alone.hardware));
    expect(s.outages).toBe(s.hardware + s.maintenance);
  });

  test("a step that goes wrong is maintenance too: its full stream counts in the window (half the steps, E[w] = (30 min + 2.8 h) / 2)", () => {
    const config = fleetConfig({ clusters: 200, failuresPerNodeYear: 2, maintenance: weekly("imageInPlace", 0.5) });
    const seeds = [11, 12, 13];
    const s = pooled(config, seeds);
    const expected = expectedMaintenanceLosses(config) * seeds.length; // ≈ 280
    const withoutWrongSteps = expectedMaintenanceLosses({ ...config, maintenance: weekly("imageInPlace", 0) }) * seeds.length;
    expect(expected).toBeGreaterThan(2.5 * withoutWrongSteps);
    expect(Math.abs(s.maintenance - expected)).toBeLessThan(3 * Math.sqrt(expected));
  });
});
