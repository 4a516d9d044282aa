import { checkLimitBounds, type Limit } from "./limit.js";
import { WindowAverage } from "./window-average.js";

/** Parameters of {@link vegasLimit}; the functions take and give requests. */
export interface VegasConfig {
  /** Starting limit, requests (min ≤ initial ≤ max). */
  readonly initial: number;
  /** Floor, requests (≥ 1). */
  readonly min: number;
  /** Ceiling, requests (finite). */
  readonly max: number;
  /** Weight of each new limit against the old, in (0, 1]; 1 (default) takes it as is. */
  readonly smoothing?: number;
  /** Estimated queue below which the limit grows; default 3·log10(limit). */
  readonly alpha?: (limit: number) => number;
  /** Estimated queue above which the limit shrinks; default 6·log10(limit). */
  readonly beta?: (limit: number) => number;
  /** Estimated queue at or below which the limit grows fast (by beta); default log10(limit). */
  readonly threshold?: (limit: number) => number;
  /** The limit after a step up; default limit + log10(limit). */
  readonly increase?: (limit: number) => number;
  /** The limit after a step down (also on a drop); default limit − log10(limit). */
  readonly decrease?: (limit: number) => number;
  /**
   * Forget rtt_noload every probeMultiplier × limit samples (≥ 1; default 30; Infinity never), so
   * a server that got slower for good is not throttled forever on a stale minimum.
   */
  readonly probeMultiplier?: number;
  /**
   * Samples over which rtt is averaged before use (≥ 1; default 1, the raw sample as in Netflix).
   * With noisy service times the least raw rtt is a lucky outlier far below the mean no-load rtt,
   * so the queue estimate reads high and the limit collapses; a window of ~10 guards against it.
   */
  readonly rttWindow?: number;
}

/** log10 of the limit, at least 1: the scale of Vegas's default steps and thresholds. */
const log10Root = (limit: number): number => Math.max(1, Math.log10(limit));

/**
 * Delay-based limit in the manner of TCP Vegas (and Netflix's VegasLimit, without its random
 * probe jitter). rtt_noload is the least rtt (averaged over `rttWindow`) seen since the last
 * probe; the requests queued at the server are estimated as queue = limit × (1 − rtt_noload / rtt).
 * While the limit is in use (inflight·2 ≥ limit): queue ≤ threshold → limit + beta; queue < alpha
 * → increase; queue > beta → decrease; otherwise hold. A drop always decreases, and its rtt, which
 * says nothing about service, is not used. Smoothed, then clamped to [min, max]. Every
 * probeMultiplier × limit samples the next rtt becomes rtt_noload: a count, not a random draw.
 */
export function vegasLimit(config: VegasConfig): Limit {
  const { initial, min, max, smoothing = 1, probeMultiplier = 30, rttWindow = 1 } = config;
  const { alpha = (l) => 3 * log10Root(l), beta = (l) => 6 * log10Root(l), threshold = log10Root } = config;
  const { increase = (l) => l + log10Root(l), decrease = (l) => l - log10Root(l) } = config;
  checkLimitBounds("vegas limit", initial, min, max);
  if (!(smoothing > 0 && smoothing <= 1)) throw new RangeError(`vegas limit: smoothing must be in (0, 1], got ${smoothing}`);
  if (!(probeMultiplier >= 1)) throw new RangeError(`vegas limit: probeMultiplier must be >= 1, got ${probeMultiplier}`);
  const rttAverage = new WindowAverage(rttWindow);
  let current = initial;
  let rttNoload = Infinity;
  let sinceProbe = 0;

  const next = (rtt: number, inflight: number, dropped: boolean): number => {
    if (dropped) return decrease(current);
    if (inflight * 2 < current) return current; // the limit is not in use: no evidence to grow on
    const queue = current * (1 - rttNoload / rtt);
    if (queue <= threshold(current)) return current + beta(current);
    if (queue < alpha(current)) return increase(current);
    if (queue > beta(current)) return decrease(current);
    return current;
  };

  return {
    get current() {
      return current;
    },
    onSample({ rtt, inflight, dropped }) {
      if (!dropped) {
        const r = rttAverage.add(Math.max(1, rtt)); // ≥ 1 µs, the clock's resolution: keeps the ratio finite
        if (rttAverage.count < rttWindow) return; // an average of a few samples is no baseline
        if (++sinceProbe >= probeMultiplier * current) {
          sinceProbe = 0;
          rttNoload = r;
          return;
        }
        if (r < rttNoload) {
          rttNoload = r;
          return;
        }
      }
      const target = Math.min(max, Math.max(min, next(rttAverage.value, inflight, dropped)));
      current = Math.min(max, Math.max(min, current + smoothing * (target - current)));
    },
  };
}
