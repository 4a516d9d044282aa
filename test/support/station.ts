import { Engine } from "../../src/engine/engine.js";
import { streamFor } from "../../src/engine/random-streams.js";

export interface StationResult {
  completions: number;
  meanSojourn: number;
  /** Half-width of a 95% interval on the mean sojourn, from 20 batch means. */
  sojournHalfWidth: number;
  waitedShare: number;
  meanWait: number;
  fingerprint: string;
}

/**
 * A FIFO queue with `servers` identical servers on the real engine, in time units of 1 ms.
 * Each customer also arms a patience timer that is cancelled when service starts, so every run
 * exercises cancellation as real models do (patience far beyond any wait: it never fires).
 */
export function runStation(opts: {
  seed: number;
  arrivalRate: number; // per ms
  servers: number;
  service: "exponential" | "deterministic";
  serviceMean: number; // ms
  warmup: number; // completions discarded
  completions: number; // completions measured
}): StationResult {
  const MS = 1000;
  const sim = new Engine();
  const arrivals = streamFor(opts.seed, "arrivals");
  const services = streamFor(opts.seed, "service");
  const exp = (u: number, mean: number) => Math.max(1, Math.round(-Math.log(1 - u) * mean * MS));
  const queue: Array<{ arrived: number; patience: number }> = [];
  let head = 0;
  let busy = 0;
  let done = 0;
  const batches = 20;
  const perBatch = Math.floor(opts.completions / batches);
  const batchSums = new Float64Array(batches);
  let sojournSum = 0;
  let waitSum = 0;
  let waited = 0;

  const depart = (arrived: number) => {
    busy--;
    done++;
    const measured = done - opts.warmup;
    if (measured > 0 && measured <= opts.completions) {
      const sojourn = sim.now - arrived;
      sojournSum += sojourn;
      const b = Math.min(batches - 1, Math.floor((measured - 1) / perBatch));
      batchSums[b] += sojourn;
      if (measured === opts.completions) sim.stop();
    }
    startNext();
  };
  const startNext = () => {
    if (head === queue.length || busy === opts.servers) return;
    const customer = queue[head++];
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    sim.cancel(customer.patience);
    const wait = sim.now - customer.arrived;
    if (done >= opts.warmup) {
      waitSum += wait;
      if (wait > 0) waited++;
    }
    busy++;
    const service = opts.service === "exponential" ? exp(services(), opts.serviceMean) : opts.serviceMean * MS;
    sim.schedule(service, depart, customer.arrived);
  };
  const giveUp = () => {
    throw new Error("patience timer fired: it should always have been cancelled");
  };
  const arrive = () => {
    queue.push({ arrived: sim.now, patience: sim.schedule(3_600_000 * MS, giveUp) });
    startNext();
    sim.schedule(exp(arrivals(), 1 / opts.arrivalRate), arrive);
  };
  sim.schedule(0, arrive);
  sim.run();

  const n = opts.completions;
  const mean = sojournSum / n / MS;
  const means = Array.from(batchSums, (s, i) => s / (i === batches - 1 ? n - perBatch * (batches - 1) : perBatch) / MS);
  const variance = means.reduce((acc, m) => acc + (m - mean) ** 2, 0) / (batches - 1);
  const T_19_975 = 2.093; // Student t, 19 degrees of freedom, two-sided 95%
  const started = n; // customers whose service began after warm-up, approximately n
  return {
    completions: n,
    meanSojourn: mean,
    sojournHalfWidth: T_19_975 * Math.sqrt(variance / batches),
    waitedShare: waited / started,
    meanWait: waitSum / started / MS,
    fingerprint: sim.fingerprint,
  };
}
