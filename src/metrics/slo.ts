import type { Micros } from "../engine/time.js";

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
}

/** The share of successes an op's latency target lets be slower than it: 1% for a p99 target. */
export function slowAllowance(slo: OpSlo): number {
  return 1 - slo.percentile / 100;
}

/**
 * How many requests of an op it takes to judge its SLO, in a window or in one entity's traffic:
 * the scenario's `minRequests`, and at least 1/allowance for each allowance, since on fewer a
 * single failure (or slow answer) breaks it: a 1% error budget is not judged on 20 requests.
 */
export function requestsToJudge(slo: OpSlo, minRequests: number): number {
  let need = Math.max(1, minRequests);
  for (const allowance of [slo.errorRate, slowAllowance(slo)]) {
    if (allowance > 0) need = Math.max(need, Math.ceil(1 / allowance - 1e-9));
  }
  return need;
}

/**
 * Why `requests` of an op (of which `failed` failed and `slow` succeeded slower than its target)
 * broke its SLO, or undefined when they did not or were too few to judge (`need`, from
 * `requestsToJudge`). Latency is judged on the successes: more than the allowance slower than the
 * target is the same as the percentile above it.
 */
export function judgeOp(slo: OpSlo, need: number, requests: number, failed: number, slow: number): "errors" | "latency" | undefined {
  if (requests < need || requests === 0) return undefined;
  if (failed / requests > slo.errorRate) return "errors";
  const ok = requests - failed;
  if (ok > 0 && slow / ok > slowAllowance(slo)) return "latency";
  return undefined;
}
