import type { Micros } from "../engine/time.js";

/** A named stretch of a run to summarise: the windows wholly inside [from, to), µs. */
export interface PhaseSpec {
  readonly name: string;
  readonly from: Micros;
  readonly to: Micros;
}

/** One operation's service-level objective. */
export interface OpSlo {
  /** Latency percentile judged, e.g. 99 for p99. */
  readonly percentile: number;
  /** The latency that percentile must not exceed, µs. */
  readonly latency: Micros;
  /** Share of requests allowed to fail (anything but OK), 0..1. */
  readonly errorRate: number;
}

/** How windows are cut and judged, and how violating windows become episodes. */
export interface MetricsConfig {
  /** Window length, µs. */
  readonly window: Micros;
  /** SLO per operation, indexed like the op names given to the recorder. */
  readonly slo: readonly OpSlo[];
  /** Violating windows separated by at most this much time are one episode, µs. */
  readonly mergeGap: Micros;
  /** The scenario's floor on the requests needed to judge an op (see `requestsToJudge`). */
  readonly minRequests: number;
  /** Requests finishing before this time and the windows before it are left out, µs (default 0). */
  readonly warmUp?: Micros;
  /** Named stretches of the run the outcome sums up (`phases`); absent: none. */
  readonly phases?: readonly PhaseSpec[];
}

/** The share of successes an op's latency target lets be slower than it: 1% for a p99 target. */
export function slowAllowance(slo: OpSlo): number {
  // (100 − p) / 100, not 1 − p / 100: the latter makes p90's allowance 0.09999999999999998.
  return (100 - slo.percentile) / 100;
}

/** How many requests of an op it takes to judge its SLO, in a window or in one entity's traffic. */
export function requestsToJudge(minRequests: number): number {
  return Math.max(1, minRequests);
}

/**
 * Why `requests` of an op in one window (of which `failed` failed and `slow` succeeded slower
 * than its target) broke its SLO, or undefined when they did not or were fewer than `need`.
 * Latency is judged on the successes: more than the allowance slower than the target is the
 * same as the percentile above it.
 */
export function judgeOp(slo: OpSlo, need: number, requests: number, failed: number, slow: number): "errors" | "latency" | undefined {
  if (requests < need || requests === 0) return undefined;
  if (failed / requests > slo.errorRate) return "errors";
  const ok = requests - failed;
  if (ok > 0 && slow / ok > slowAllowance(slo)) return "latency";
  return undefined;
}

/**
 * A count of `n` clearly above what an allowance `p` lets through: more than n·p by three
 * standard deviations and one request. One failure in a lightly used key range is chance; a
 * range whose requests failed far beyond the allowance broke it.
 */
export function clearlyAbove(count: number, n: number, p: number): boolean {
  return count > n * p + 3 * Math.sqrt(n * p * (1 - p)) + 1;
}

/**
 * Whether one entity's traffic of an op (a client's, a key range's) broke the op's SLO: at least
 * `need` requests (the window rule), and failures or slow successes clearly above the allowance.
 */
export function entityBrokeSlo(slo: OpSlo, need: number, requests: number, failed: number, slow: number): boolean {
  if (requests < need || requests === 0) return false;
  return clearlyAbove(failed, requests, slo.errorRate) || clearlyAbove(slow, requests - failed, slowAllowance(slo));
}
