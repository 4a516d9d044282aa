// M/M/1 at ρ = 0.8 on the real engine (generic actions, cancellable handles, fingerprint on):
// 10^6 departures. `patience: true` also arms a timer per customer that is cancelled when its
// service starts, as timeouts are in real models. Prints one JSON line.
import { Engine } from "../dist/engine/engine.js";
import { streamFor } from "../dist/engine/random-streams.js";
import { makeSampler } from "../dist/engine/sampler.js";

function mm1(departures, seed, patience) {
  const sim = new Engine();
  const interArrival = makeSampler({ dist: "exponential", mean: 1250 }, streamFor(seed, "arrivals"));
  const service = makeSampler({ dist: "exponential", mean: 1000 }, streamFor(seed, "service"));
  // Waiting customers (their patience timers), in a growable ring buffer (FIFO).
  let waiting = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  let busy = false;
  let done = 0;
  const giveUp = () => {
    throw new Error("patience timer fired");
  };
  const depart = () => {
    busy = false;
    if (++done === departures) sim.stop();
    startNext();
  };
  const startNext = () => {
    if (busy || head === tail) return;
    if (patience) sim.cancel(waiting[head & (waiting.length - 1)]);
    head++;
    busy = true;
    sim.schedule(Math.round(service()), depart);
  };
  // Without timers a waiting line is just a count.
  const arrivePlain = () => {
    tail++;
    startNext();
    sim.schedule(Math.round(interArrival()), arrivePlain);
  };
  const arrive = () => {
    if (tail - head === waiting.length) {
      const bigger = new Float64Array(waiting.length * 2);
      for (let i = head; i < tail; i++) bigger[i & (bigger.length - 1)] = waiting[i & (waiting.length - 1)];
      waiting = bigger;
    }
    waiting[tail++ & (waiting.length - 1)] = patience ? sim.schedule(3_600_000_000, giveUp) : 1;
    startNext();
    sim.schedule(Math.round(interArrival()), arrive);
  };
  sim.schedule(0, patience ? arrive : arrivePlain);
  const t0 = process.hrtime.bigint();
  sim.run();
  return { sim, wallS: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Runs the model `runs` times after a warm-up and reports the median run (and the spread). */
export function benchMm1({ departures = 1_000_000, seed = 1, patience = false, runs = 5 } = {}) {
  for (let i = 0; i < 3; i++) mm1(300_000, seed + 1 + i, patience); // let the JIT settle before measuring
  const results = [];
  for (let i = 0; i < runs; i++) results.push(mm1(departures, seed, patience));
  const rates = results.map((r) => r.sim.stats.fired / r.wallS).sort((a, b) => a - b);
  const { sim, wallS } = results[0];
  const { fired, cancelled, scheduled } = sim.stats;
  return {
    bench: patience ? "engine-mm1-with-timeouts" : "engine-mm1",
    departures,
    runs,
    eventsFired: fired,
    timersCancelled: cancelled,
    eventsPerS: Math.round(rates[rates.length >> 1]),
    eventsPerSMin: Math.round(rates[0]),
    eventsPerSMax: Math.round(rates[rates.length - 1]),
    scheduledPerS: Math.round((scheduled / fired) * rates[rates.length >> 1]),
    wallS: Number(wallS.toFixed(3)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    fingerprint: sim.fingerprint,
  };
}
