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

/**
 * The same M/M/1 on the barest loop there is: a binary min-heap of (time, seq, kind) in one
 * Float64Array, the two event kinds dispatched by a branch, no handles, no cancel, no
 * fingerprint. What a hand-written simulation of one queue would do: the engine's floor.
 */
function mm1Bare(departures, seed) {
  const interArrival = makeSampler({ dist: "exponential", mean: 1250 }, streamFor(seed, "arrivals"));
  const service = makeSampler({ dist: "exponential", mean: 1000 }, streamFor(seed, "service"));
  const h = new Float64Array(3 * 64);
  let size = 0;
  let seq = 0;
  const push = (time, kind) => {
    let i = size++;
    const order = seq++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[3 * p] < time || (h[3 * p] === time && h[3 * p + 1] < order)) break;
      h[3 * i] = h[3 * p];
      h[3 * i + 1] = h[3 * p + 1];
      h[3 * i + 2] = h[3 * p + 2];
      i = p;
    }
    h[3 * i] = time;
    h[3 * i + 1] = order;
    h[3 * i + 2] = kind;
  };
  const ARRIVE = 0;
  const DEPART = 1;
  let now = 0;
  let waiting = 0;
  let busy = false;
  let done = 0;
  let fired = 0;
  push(0, ARRIVE);
  const t0 = process.hrtime.bigint();
  while (done < departures) {
    now = h[0];
    const kind = h[2];
    const last = --size;
    if (last > 0) {
      const t = h[3 * last];
      const o = h[3 * last + 1];
      const k = h[3 * last + 2];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        if (c + 1 < last && (h[3 * (c + 1)] < h[3 * c] || (h[3 * (c + 1)] === h[3 * c] && h[3 * (c + 1) + 1] < h[3 * c + 1]))) c++;
        if (t < h[3 * c] || (t === h[3 * c] && o < h[3 * c + 1])) break;
        h[3 * i] = h[3 * c];
        h[3 * i + 1] = h[3 * c + 1];
        h[3 * i + 2] = h[3 * c + 2];
        i = c;
      }
      h[3 * i] = t;
      h[3 * i + 1] = o;
      h[3 * i + 2] = k;
    }
    fired++;
    if (kind === ARRIVE) {
      waiting++;
      push(now + Math.round(interArrival()), ARRIVE);
    } else {
      busy = false;
      done++;
    }
    if (!busy && waiting > 0) {
      waiting--;
      busy = true;
      push(now + Math.round(service()), DEPART);
    }
  }
  return { fired, wallS: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/**
 * The engine against the bare loop, run in turn in one process so both see the same machine:
 * the median ratio of their event rates over `runs` pairs.
 */
export function benchMm1VsBare({ departures = 1_000_000, seed = 1, runs = 7 } = {}) {
  for (let i = 0; i < 3; i++) {
    mm1(300_000, seed + 1 + i, false);
    mm1Bare(300_000, seed + 1 + i);
  }
  const ratios = [];
  const engineRates = [];
  const bareRates = [];
  for (let i = 0; i < runs; i++) {
    const pair = i % 2 === 0 ? ["engine", "bare"] : ["bare", "engine"];
    const rate = {};
    for (const which of pair) {
      if (which === "engine") {
        const r = mm1(departures, seed, false);
        rate.engine = r.sim.stats.fired / r.wallS;
      } else {
        const r = mm1Bare(departures, seed);
        rate.bare = r.fired / r.wallS;
      }
    }
    engineRates.push(rate.engine);
    bareRates.push(rate.bare);
    ratios.push(rate.engine / rate.bare);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const sorted = [...ratios].sort((a, b) => a - b);
  return {
    bench: "engine-mm1-vs-bare-heap",
    departures,
    runs,
    engineEventsPerS: Math.round(median(engineRates)),
    bareEventsPerS: Math.round(median(bareRates)),
    ratioMedian: Number(median(ratios).toFixed(3)),
    ratioMin: Number(sorted[0].toFixed(3)),
    ratioMax: Number(sorted[sorted.length - 1].toFixed(3)),
  };
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
