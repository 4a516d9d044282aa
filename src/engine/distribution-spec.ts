/**
 * One plain-data description for every distribution relisim draws from. Scenario files are parsed
 * into these (durations become µs, sizes bytes); `makeSampler` turns one into a sampler on an
 * injected source. Parameters are in the distribution's own unit unless named otherwise.
 */
export type DistributionSpec =
  | ConstantSpec
  | UniformSpec
  | ExponentialSpec
  | NormalSpec
  | LognormalSpec
  | LognormalPercentileSpec
  | ParetoSpec
  | WeibullSpec
  | ScaledBetaSpec
  | EmpiricalSpec
  | BernoulliSpec
  | MixtureSpec;

/** Always `value`. */
export interface ConstantSpec {
  readonly dist: "constant";
  readonly value: number;
}

/** Uniform on [min, max). */
export interface UniformSpec {
  readonly dist: "uniform";
  readonly min: number;
  readonly max: number;
}

/** Exponential with the given mean (rate 1/mean). */
export interface ExponentialSpec {
  readonly dist: "exponential";
  readonly mean: number;
}

/** Normal with mean and standard deviation. */
export interface NormalSpec {
  readonly dist: "normal";
  readonly mean: number;
  readonly stddev: number;
}

/** Lognormal: exp(N(mu, sigma)), mu and sigma on the log scale of the unit. */
export interface LognormalSpec {
  readonly dist: "lognormal";
  readonly mu: number;
  readonly sigma: number;
}

/** Lognormal given by what users know: its median and 99th percentile (p99 > median > 0). */
export interface LognormalPercentileSpec {
  readonly dist: "lognormal";
  readonly median: number;
  readonly p99: number;
}

/** Pareto with minimum `scale` (x_m > 0) and tail index `alpha` > 0. */
export interface ParetoSpec {
  readonly dist: "pareto";
  readonly scale: number;
  readonly alpha: number;
}

/** Weibull with `scale` (lambda > 0) and `shape` (k > 0). */
export interface WeibullSpec {
  readonly dist: "weibull";
  readonly scale: number;
  readonly shape: number;
}

/** min + (max − min) · Beta(alpha, beta): the form used to fit disk latencies. */
export interface ScaledBetaSpec {
  readonly dist: "scaledBeta";
  readonly min: number;
  readonly max: number;
  readonly alpha: number;
  readonly beta: number;
}

/**
 * A distribution given by its percentiles: the quantile function is linear between the points
 * (0, min), (0.5, p50), (0.9, p90), (0.99, p99), (0.999, p999), (1, max) that are given.
 * `min` defaults to 0; `max` defaults to extending the last two given points' slope to p = 1.
 */
export interface EmpiricalSpec {
  readonly dist: "empirical";
  readonly min?: number;
  readonly p50: number;
  readonly p90?: number;
  readonly p99?: number;
  readonly p999?: number;
  readonly max?: number;
}

/** 1 with probability p, else 0. */
export interface BernoulliSpec {
  readonly dist: "bernoulli";
  readonly p: number;
}

/** Draws from one component chosen by weight (weights are normalized). */
export interface MixtureSpec {
  readonly dist: "mixture";
  readonly components: readonly MixtureComponent[];
}

export type MixtureComponent = DistributionSpec & { readonly weight: number };

/** The names accepted in a spec's `dist` field. */
export const DISTRIBUTION_NAMES = [
  "constant",
  "uniform",
  "exponential",
  "normal",
  "lognormal",
  "pareto",
  "weibull",
  "scaledBeta",
  "empirical",
  "bernoulli",
  "mixture",
] as const;
