// The hold model: N events pending; each step pops the earliest and schedules one more after an
// exponential delay. Measures the queue under 10^3..10^6 pending timers, against a binary heap of
// event objects (FastPriorityQueue) as the usual baseline. Prints one JSON line per size.
import FastPriorityQueue from "fastpriorityqueue";
import { Engine } from "../dist/engine/engine.js";
import { streamFor } from "../dist/engine/random-streams.js";
import { makeSampler } from "../dist/engine/sampler.js";

function holdEngine(n, steps, seed) {
  const sim = new Engine();
  const delay = makeSampler({ dist: "exponential", mean: 1_000_000 }, streamFor(seed, "hold"));
  const step = () => {
    sim.schedule(Math.round(delay()), step);
  };
  for (let i = 0; i < n; i++) sim.schedule(Math.round(delay()), step);
  sim.run({ maxEvents: Math.min(n, 1_000_000) }); // warm up: mix the initial layout
  const t0 = process.hrtime.bigint();
  sim.run({ maxEvents: steps });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function holdObjectHeap(n, steps, seed) {
  const delay = makeSampler({ dist: "exponential", mean: 1_000_000 }, streamFor(seed, "hold"));
  const heap = new FastPriorityQueue((a, b) => a.time < b.time || (a.time === b.time && a.seq < b.seq));
  let seq = 0;
  let now = 0;
  const step = () => {};
  for (let i = 0; i < n; i++) heap.add({ time: Math.round(delay()), seq: seq++, action: step });
  const run = (count) => {
    for (let i = 0; i < count; i++) {
      const e = heap.poll();
      now = e.time;
      e.action();
      heap.add({ time: now + Math.round(delay()), seq: seq++, action: step });
    }
  };
  run(Math.min(n, 1_000_000));
  const t0 = process.hrtime.bigint();
  run(steps);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export function benchHold({ sizes = [1_000, 100_000, 1_000_000], steps = 2_000_000, seed = 1 } = {}) {
  return sizes.map((n) => {
    const engineS = holdEngine(n, steps, seed);
    const heapS = holdObjectHeap(n, steps, seed);
    return {
      bench: "engine-hold",
      pending: n,
      steps,
      stepsPerS: Math.round(steps / engineS),
      objectHeapStepsPerS: Math.round(steps / heapS),
      peakRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  });
}
