import { SingleBar } from "cli-progress";
import { formatCount, formatSeconds } from "../report/format.js";

/** A progress bar on stderr for long work: points done, rate, ETA. */
export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A bar (cli-progress) when stderr is a terminal and not `quiet`; otherwise nothing, so logs and
 * pipes never fill with redraws.
 */
export function progressBar(label: string, quiet: boolean | undefined): ProgressBar {
  if (quiet || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} runs · {rate}/s · ETA {etaText}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  const started = process.hrtime.bigint();
  let running = false;
  return {
    update(done, total) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rate = seconds > 0 ? (done / seconds).toFixed(1) : "0";
      const etaText = etaFromAverage(seconds, done, total);
      if (!running) {
        bar.start(total, done, { rate, etaText });
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { rate, etaText });
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

/**
 * Time left at the average pace since the start, not the last few runs': runs of a sweep differ
 * widely in cost (one grid point can take ten times another), and a recent-rate ETA jumped with
 * each (0s, 12m 30s, 8m 15s). Nothing is promised before the first run ends.
 */
export function etaFromAverage(elapsedS: number, done: number, total: number): string {
  if (done <= 0 || elapsedS <= 0) return "…";
  return formatSeconds(Math.round((elapsedS / done) * Math.max(0, total - done)));
}

/** Progress of one simulation: simulated time against its duration, requests so far, an ETA. */
export interface RunProgress {
  update(simulatedUs: number, durationUs: number, requests: number): void;
  stop(): void;
}

/**
 * A bar for one run (cli-progress) on stderr when it is a terminal and not `quiet`: how much of
 * the simulated duration is done, the requests issued, and an ETA from the pace so far. Updated
 * as windows close, redrawn at most a few times a second.
 */
export function runProgress(label: string, quiet: boolean | undefined): RunProgress {
  if (quiet || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {simulated} of {length} simulated · {requests} requests · ETA {eta_formatted}`,
    etaBuffer: 200,
    fps: 5,
    hideCursor: true,
    clearOnComplete: true,
  });
  let running = false;
  return {
    update(simulatedUs, durationUs, requests) {
      const payload = { simulated: formatSeconds(simulatedUs / 1e6), length: formatSeconds(durationUs / 1e6), requests: formatCount(requests) };
      if (!running) {
        bar.start(durationUs, simulatedUs, payload);
        running = true;
      } else bar.update(simulatedUs, payload);
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
