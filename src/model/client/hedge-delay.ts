import type { LatencyAverage } from "./latency-average.js";

/**
 * How long (whole µs, ≥ 1) to wait before hedging a request whose latency target is `targetUs`:
 * target − average once at least `minSamples` latencies are averaged, so a hedge fires when the
 * request has run as much over the usual latency as the target leaves room for (a 1 ms average
 * against a 10 ms target hedges at 9 ms); `targetUs` itself while fewer samples are in
 * (conservative); undefined (no hedge) when the average is already at or above the target, since
 * a client that slow cannot be brought under its target by hedging.
 */
export function hedgeDelay(targetUs: number, average: LatencyAverage, minSamples: number): number | undefined {
  if (!Number.isSafeInteger(targetUs) || targetUs < 1) {
    throw new RangeError(`hedge target must be a whole number of µs >= 1, got ${targetUs}`);
  }
  if (!Number.isSafeInteger(minSamples) || minSamples < 0) {
    throw new RangeError(`hedge minSamples must be a whole number >= 0, got ${minSamples}`);
  }
  if (average.count < minSamples || average.count === 0) return targetUs;
  if (!(average.value < targetUs)) return undefined;
  return Math.max(1, Math.round(targetUs - average.value));
}
