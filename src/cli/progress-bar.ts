import { SingleBar } from "cli-progress";

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
    format: `${label} [{bar}] {value}/{total} runs · {rate}/s · ETA {eta_formatted}`,
    etaBuffer: 50,
    hideCursor: true,
    clearOnComplete: true,
  });
  const started = process.hrtime.bigint();
  let running = false;
  return {
    update(done, total) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rate = seconds > 0 ? (done / seconds).toFixed(1) : "0";
      if (!running) {
        bar.start(total, done, { rate });
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { rate });
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
