import { checkLimitBounds, type Limit } from "./limit.js";
import { WindowAverage } from "./window-average.js";

/** Parameters of {@link gradientLimit}. */
export interface GradientConfig {
  /** Starting limit, requests (min ≤ initial ≤ max). */
  readonly initial: number;
  /** Floor, requests (≥ 1). */
  readonly min: number;
  /** Ceiling, requests (finite). */
  readonly max: number;
  /** Weight of each new limit against the old, in (0, 1], e.g. 0.2. */
  readonly smoothing: number;
  /** How far the short-term rtt may rise above the long-term one before the limit shrinks (≥ 1, e.g. 1.5). */
  readonly rttTolerance: number;
  /** Headroom added at each update, requests; default 4 whatever the limit. */
  readonly queueSize?: (limit: number) => number;
  /** Window of the fast rtt average, samples (≥ 1; default 10; 1 is the raw sample). */
  readonly shortWindow?: number;
  /** Window of the slow rtt average, samples (≥ shortWindow; default 600). */
  readonly longWindow?: number;
}

/**
 * Gradient limit in the manner of Netflix's Gradient2: a slow (long-term) and a fast (short-term)
 * average of rtt; while the limit is in use (inflight·2 ≥ limit), gradient = clamp(rttTolerance ×
 * longRtt / shortRtt, 0.5, 1) and the limit moves towards limit × gradient + queueSize(limit) by
 * `smoothing`, clamped to [min, max]. When the short term falls below half the long term (load
 * has passed) the long term is cut by 5% a sample so it forgets the bad spell sooner. Unlike
 * Gradient2, a drop counts as the steepest gradient (0.5) and its rtt is not averaged.
 */
export function gradientLimit(config: GradientConfig): Limit {
  const { initial, min, max, smoothing, rttTolerance, queueSize = () => 4, shortWindow = 10, longWindow = 600 } = config;
  checkLimitBounds("gradient limit", initial, min, max);
  if (!(smoothing > 0 && smoothing <= 1)) throw new RangeError(`gradient limit: smoothing must be in (0, 1], got ${smoothing}`);
  if (!(rttTolerance >= 1)) throw new RangeError(`gradient limit: rttTolerance must be >= 1, got ${rttTolerance}`);
  if (!(shortWindow >= 1 && longWindow >= shortWindow && Number.isFinite(longWindow))) {
    throw new RangeError(`gradient limit: need 1 <= shortWindow <= longWindow, finite, got ${shortWindow} and ${longWindow}`);
  }
  const shortRtt = new WindowAverage(shortWindow);
  const longRtt = new WindowAverage(longWindow);
  let current = initial;
  return {
    get current() {
      return current;
    },
    onSample({ rtt, inflight, dropped }) {
      let gradient = 0.5;
      if (!dropped) {
        const r = Math.max(1, rtt); // a whole µs is the clock's resolution; keeps the ratio finite
        const short = shortRtt.add(r);
        const long = longRtt.add(r);
        if (long > 2 * short) longRtt.value *= 0.95;
        if (inflight * 2 < current) return; // the limit is not in use: no evidence to move on
        gradient = Math.min(1, Math.max(0.5, (rttTolerance * long) / short));
      }
      const target = current * gradient + queueSize(current);
      current = Math.min(max, Math.max(min, current + smoothing * (target - current)));
    },
  };
}
