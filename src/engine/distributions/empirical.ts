import type { EmpiricalSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of an empirical distribution: its percentiles, non-decreasing in p. */
export type EmpiricalParams = Omit<EmpiricalSpec, "dist">;

type Key = "min" | "p50" | "p90" | "p99" | "p999" | "max";
const LEVELS: ReadonlyArray<readonly [Key, number]> = [
  ["min", 0], ["p50", 0.5], ["p90", 0.9], ["p99", 0.99], ["p999", 0.999], ["max", 1],
];

/** The knots (p, q) of the piecewise-linear quantile function, from p = 0 to p = 1. */
export interface EmpiricalKnots {
  readonly p: readonly number[];
  readonly q: readonly number[];
}

function problems(params: EmpiricalParams): string[] {
  const found: string[] = [];
  // The last knot seen, to check the quantile function never decreases.
  let previous = { key: "min", value: 0, shown: "0, the default" };
  for (const [key] of LEVELS) {
    const given = params[key];
    if (given === undefined) {
      if (key === "p50") found.push("empirical: p50 is required");
      continue;
    }
    if (!checkFinite(found, "empirical", key, given)) continue;
    if (key !== "min" && given < previous.value) {
      found.push(`empirical: ${key} (${given}) must be at least ${previous.key} (${previous.shown})`);
    }
    previous = { key, value: given, shown: String(given) };
  }
  return found;
}

/** The knots of valid `params`: min defaults to 0, max to the slope of the last two knots extended to p = 1. */
export function empiricalKnots(params: EmpiricalParams): EmpiricalKnots {
  const p: number[] = [];
  const q: number[] = [];
  for (const [key, level] of LEVELS) {
    const value = key === "min" ? params.min ?? 0 : params[key];
    if (value === undefined) continue;
    p.push(level);
    q.push(value);
  }
  if (p[p.length - 1] !== 1) {
    const n = p.length;
    const slope = (q[n - 1] - q[n - 2]) / (p[n - 1] - p[n - 2]);
    p.push(1);
    q.push(q[n - 1] + slope * (1 - p[n - 1]));
  }
  return { p, q };
}

function quantileOf({ p, q }: EmpiricalKnots, u: number): number {
  let i = 0;
  while (i < p.length - 2 && u > p[i + 1]) i++;
  return q[i] + ((u - p[i]) * (q[i + 1] - q[i])) / (p[i + 1] - p[i]);
}

/** Draws by inverse transform through the piecewise-linear quantile function. */
export function empiricalSampler(source: Source, params: EmpiricalParams): () => number {
  throwIfProblems(problems(params));
  const knots = empiricalKnots(params);
  const p = Float64Array.from(knots.p);
  const q = Float64Array.from(knots.q);
  const slope = new Float64Array(p.length - 1);
  for (let i = 0; i < slope.length; i++) slope[i] = (q[i + 1] - q[i]) / (p[i + 1] - p[i]);
  return () => {
    const u = source();
    let i = 0;
    while (u >= p[i + 1]) i++; // terminates: u < 1 = p[last]
    return q[i] + (u - p[i]) * slope[i];
  };
}

/** The empirical distribution: its mean is the integral of its quantile function (trapezoids). */
export const empiricalDistribution: Distribution<EmpiricalParams> = {
  problems,
  sampler: empiricalSampler,
  mean: (params) => {
    const { p, q } = empiricalKnots(params);
    let sum = 0;
    for (let i = 0; i + 1 < p.length; i++) sum += ((p[i + 1] - p[i]) * (q[i] + q[i + 1])) / 2;
    return sum;
  },
  quantile: (params, u) => quantileOf(empiricalKnots(params), u),
  describe: (params) => {
    const parts = LEVELS.filter(([key]) => params[key] !== undefined).map(
      ([key]) => `${key} ${formatNumber(params[key] as number)}`,
    );
    return `empirical(${parts.join(", ")})`;
  },
};
