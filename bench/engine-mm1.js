// M/M/1 at ρ = 0.8 on the real engine: 10^6 departures, each customer arming a patience timer
// that is cancelled when service starts, fingerprint on. Prints one JSON line.
import { Engine } from "../dist/engine/engine.js";
import { streamFor } from "../dist/engine/random-streams.js";
import { makeSampler } from "../dist/engine/sampler.js";

export function benchMm1({ departures = 1_000_000, seed = 1 } = {}) {
  const sim = new Engine();
  const interArrival = makeSampler({ dist: "exponential", mean: 1250 }, streamFor(seed, "arrivals"));
  const service = makeSampler({ dist: "exponential", mean: 1000 }, streamFor(seed, "service"));
  const waiting = [];
  let head = 0;
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
    if (busy || head === waiting.length) return;
    sim.cancel(waiting[head]);
    waiting[head++] = 0;
    if (head === waiting.length) waiting.length = head = 0;
    busy = true;
    sim.schedule(Math.round(service()), depart);
  };
  const arrive = () => {
    waiting.push(sim.schedule(3_600_000_000, giveUp));
    startNext();
    sim.schedule(Math.round(interArrival()), arrive);
  };
  sim.schedule(0, arrive);
  const t0 = process.hrtime.bigint();
  sim.run();
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const { fired, cancelled } = sim.stats;
  return {
    bench: "engine-mm1",
    departures,
    eventsFired: fired,
    timersCancelled: cancelled,
    eventsPerS: Math.round(fired / wallS),
    wallS: Number(wallS.toFixed(3)),
    peakRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    fingerprint: sim.fingerprint,
  };
}
