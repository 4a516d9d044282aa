import { describe, expect, test } from "vitest";
import { replicationSeed } from "../../src/engine/random-streams.js";
import { nextReplications, replicatePoints, summarizeFigures, withinPrecision } from "../../src/experiment/replications.js";
import { estimate } from "../../src/experiment/statistics.js";
import type { FleetConfig } from "../../src/model/fleet/fleet-config.js";
import { loadAnyScenario } from "../../src/scenario/load-any-scenario.js";
import { runStation } from "../support/station.js";

describe("95% intervals over replications cover the true mean of M/M/1", () => {
  // ρ = 0.5, µ = 1/ms: the mean sojourn time is 1 / (µ − λ) = 2 ms. Each interval is built from
  // 5 replications (seeds derived from (seed, i)) of 1,000 customers after 200 of warm-up.
  // With so few replications the Student t factor matters: the normal 1.96 covers only
  // ~86% here (measured). Over 400 intervals the coverage has a binomial sd of 1.1%: we accept 92%–98% (±2.7 sd).
  test("400 intervals of 5 replications each cover 2 ms about 95% of the time", () => {
    const intervals = 400;
    const replications = 5;
    let covered = 0;
    for (let k = 0; k < intervals; k++) {
      const means: number[] = [];
      for (let i = 0; i < replications; i++) {
        const seed = replicationSeed(1000 + k, i);
        means.push(runStation({ seed, arrivalRate: 0.5, servers: 1, service: "exponential", serviceMean: 1, warmup: 200, completions: 1000 }).meanSojourn);
      }
      const e = estimate(means);
      if (e.ci95[0] <= 2 && 2 <= e.ci95[1]) covered++;
    }
    const coverage = covered / intervals;
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });
});

describe("sequential stopping (--precision)", () => {
  /** Replications whose one figure has mean 10 and sample sd exactly 2 (±2 alternating, n even). */
  const spread = (n: number) => Array.from({ length: n }, (_, i) => [10 + (i % 2 === 0 ? 1 : -1) * 2 * Math.sqrt((n - 1) / n)]);

  test("a point within the target stops; one outside asks for the count 1/√n predicts, at most double, at most the cap", () => {
    // n = 10, sd 2: half-width = 2.262 × 2 / √10 = 1.43, i.e. 14.3% of the mean.
    expect(withinPrecision(spread(10), 0.15)).toBe(true);
    expect(nextReplications(spread(10), 0.15, 100)).toBe(10);
    expect(withinPrecision(spread(10), 0.1)).toBe(false);
    // (0.143 / 0.1)² × 10 = 20.5 → 21, capped at twice the current count: 20.
    expect(nextReplications(spread(10), 0.1, 100)).toBe(20);
    expect(nextReplications(spread(10), 0.12, 100)).toBe(Math.ceil(10 * (0.14306 / 0.12) ** 2));
    expect(nextReplications(spread(10), 0.1, 12)).toBe(12);
    expect(nextReplications(spread(12), 0.01, 12)).toBe(12);
  });

  test("a figure that never varies (an exact 0, a fixed count) meets any target; the target is about one figure", () => {
    expect(withinPrecision([[0, 3], [0, 3]], 0.001)).toBe(true);
    expect(withinPrecision([[0, 3]], 0.5)).toBe(false); // one replication has no interval
    const two = spread(10).map(([x]) => [5, x]);
    expect(withinPrecision(two, 0.1, 0)).toBe(true);
    expect(withinPrecision(two, 0.1, 1)).toBe(false);
  });

  const FLEET = `
name: tiny-fleet
seed: 3
duration: 365d
replications: 3
fleet:
  clusters: 40
  zones: 3
  nodesPerZone: 2
  vnodes: 4
  dataPerNode: 2TiB
  streamBandwidth: 20MiB/s
  failuresPerNodeYear: 12
  maintenance: false
`;

  test("replicatePoints adds rounds until the figure's half-width is within x × its mean, or the cap", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "relisim-precision-")), "fleet.yaml");
    writeFileSync(file, FLEET);
    const scenario = loadAnyScenario(file);
    const config = scenario.base.config as FleetConfig;
    const point = { name: "base", task: { kind: "fleet" as const, config, seed: 3, index: 0 } };
    const [loose] = await replicatePoints([point], { replications: 3, precision: 0.04, maxReplications: 60, workers: 1 });
    expect(loose.precisionReached).toBe(true);
    expect(loose.figures.length).toBeGreaterThan(3);
    expect(loose.figures.length).toBeLessThan(60);
    const names = ["outagesPerYear"];
    const e = summarizeFigures(names, loose.figures.map((f) => [f[0]])).outagesPerYear;
    expect((e.ci95High - e.mean) / e.mean).toBeLessThanOrEqual(0.04 + 1e-6);
    // Every round before the last missed the target: the stop is the first round that met it.
    expect(withinPrecision(loose.figures.slice(0, 3), 0.04)).toBe(false);
    const [tight] = await replicatePoints([point], { replications: 3, precision: 0.001, maxReplications: 8, workers: 1 });
    expect(tight.figures).toHaveLength(8);
    expect(tight.precisionReached).toBe(false);
    // Replication i is the same whichever run computed it.
    expect(tight.figures.slice(0, 3)).toEqual(loose.figures.slice(0, 3));
  });
});
