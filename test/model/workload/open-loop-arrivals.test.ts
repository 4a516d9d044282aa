import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { seconds } from "../../../src/engine/time.js";
import { OpenLoopArrivals } from "../../../src/model/workload/open-loop-arrivals.js";
import { RateSchedule } from "../../../src/model/workload/rate-schedule.js";

// Poisson counts: each bound is ±4.5 σ (a false alarm about once in 150 000).
const within = (count: number, mean: number, sd = Math.sqrt(mean)) => expect(Math.abs(count - mean)).toBeLessThanOrEqual(4.5 * sd);

/** 1000/s × `share` for 10 s over namespaces of `shares`; `storm` runs at `at`. Counts arrivals per namespace. */
function run(share: number, shares: number[], storm?: { at: number; factor: number; namespace?: number }) {
  const engine = new Engine();
  const draws = new RandomStreams(1).block(["gaps", "namespaces"]);
  const counts = shares.map(() => 0);
  const arrivals: OpenLoopArrivals = new OpenLoopArrivals(engine, new RateSchedule(1000, { steps: [], multipliers: [] }), share, shares, draws, () => {
    counts[arrivals.pickNamespace()]++;
    arrivals.next();
  });
  arrivals.next();
  if (storm) engine.scheduleAt(storm.at, () => arrivals.retryStorm(storm.factor, storm.namespace));
  engine.run({ until: seconds(10) });
  return counts;
}

describe("OpenLoopArrivals", () => {
  test("a share of 1/4 of 1000/s brings 2500 arrivals in 10 s", () => {
    within(run(0.25, [1])[0], 2500);
  });

  test("a ×3 retry storm from 5 s brings 5000 + 15 000 arrivals", () => {
    within(run(1, [1], { at: seconds(5), factor: 3 })[0], 20_000);
  });

  test("a ×3 storm of one of two equal namespaces doubles the load, three quarters of it to that namespace", () => {
    const [a, b] = run(1, [0.5, 0.5], { at: 0, factor: 3, namespace: 1 });
    within(a + b, 20_000);
    within(b, 15_000, Math.sqrt(20_000 * 0.75 * 0.25));
  });

  test("a storm ended by its inverse factor leaves the rate as it was", () => {
    const engine = new Engine();
    const draws = new RandomStreams(2).block(["gaps", "namespaces"]);
    let count = 0;
    const arrivals: OpenLoopArrivals = new OpenLoopArrivals(engine, new RateSchedule(1000, { steps: [], multipliers: [] }), 1, [1], draws, () => (count++, arrivals.next()));
    arrivals.next();
    engine.scheduleAt(seconds(2), () => arrivals.retryStorm(4));
    engine.scheduleAt(seconds(4), () => arrivals.retryStorm(1 / 4));
    engine.run({ until: seconds(10) });
    within(count, 2000 + 8000 + 6000);
  });
});
