import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import type { Request } from "../../../src/model/request/request.js";
import { World } from "../../../src/model/world.js";
import { tinySimulation } from "../tiny-world.js";

/**
 * Open-loop Poisson arrivals against the rate schedule. Each phase's count is Poisson with mean
 * rate × length; every bound below is ±4.5 σ = ±4.5 √mean (a false alarm about once in 150 000).
 */
const within = (count: number, mean: number) => expect(Math.abs(count - mean)).toBeLessThanOrEqual(4.5 * Math.sqrt(mean));

describe("client arrivals", () => {
  // 200/s for 20 s, a step to 400/s at 20 s, × 0.25 from 30 s to 40 s, then 400/s to 50 s.
  const config = tinySimulation({ duration: seconds(50), rate: 200 }).world;
  const scheduled = {
    ...config,
    workload: {
      ...config.workload,
      schedule: { steps: [{ at: seconds(20), rate: 400 }], multipliers: [{ from: seconds(30), to: seconds(40), factor: 0.25 }] },
    },
  };

  function runPhases(seed: number) {
    const done: Request[] = [];
    const world = new World(scheduled, seed, { requests: { onRequestDone: (r) => done.push(r) } });
    const issuedBy: number[] = [];
    for (const t of [20, 30, 40, 50]) {
      world.engine.run({ until: seconds(t) });
      issuedBy.push(world.requestsIssued);
    }
    return { done, issuedBy };
  }

  test("counts per phase match rate × time across a step and a multiplier window", () => {
    const { issuedBy } = runPhases(1);
    const phases = [issuedBy[0], issuedBy[1] - issuedBy[0], issuedBy[2] - issuedBy[1], issuedBy[3] - issuedBy[2]];
    within(phases[0], 200 * 20);
    within(phases[1], 400 * 10);
    within(phases[2], 100 * 10);
    within(phases[3], 400 * 10);
  });

  test("each of the 3 clients offers a third of the load", () => {
    const { done } = runPhases(2);
    const perClient = [0, 0, 0];
    for (const r of done) if (r.start < seconds(49)) perClient[r.client]++;
    const mean = (200 * 20 + 400 * 10 + 100 * 10 + 400 * 9) / 3;
    for (const n of perClient) within(n, mean);
  });

  test("counts in 100 slices of 0.2 s are Poisson: dispersion index within chi-square(99) bounds", () => {
    // Σ (x − x̄)² / x̄ over 100 slices of a Poisson process is about chi-square(99):
    // its 0.05th and 99.95th percentiles are about 58 and 153. Evenly spaced arrivals give ≈ 0.
    const { done } = runPhases(3);
    const slices = new Array<number>(100).fill(0);
    for (const r of done) if (r.start < seconds(20)) slices[Math.floor(r.start / seconds(0.2))]++;
    const mean = slices.reduce((a, b) => a + b, 0) / slices.length;
    const dispersion = slices.reduce((a, x) => a + (x - mean) ** 2, 0) / mean;
    within(mean * 100, 4000);
    expect(dispersion).toBeGreaterThan(58);
    expect(dispersion).toBeLessThan(153);
  });

  test("a multiplier of 0 silences the clients for its window", () => {
    const quiet = {
      ...config,
      duration: seconds(10),
      workload: { ...config.workload, schedule: { steps: [], multipliers: [{ from: seconds(2), to: seconds(8), factor: 0 }] } },
    };
    const starts: number[] = [];
    const world = new World(quiet, 4, { requests: { onRequestDone: (r) => starts.push(r.start) } });
    world.run();
    expect(starts.filter((t) => t >= seconds(2) && t < seconds(8))).toEqual([]);
    within(starts.filter((t) => t < seconds(2)).length, 400);
    within(starts.filter((t) => t >= seconds(8) && t < seconds(9.8)).length, 360);
  });
});
