import type { LognormalPercentileSpec, LognormalSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { fastExp } from "./fast-exp.js";
import { standardNormalQuantile } from "./normal-quantile.js";
import { ZigguratNormal } from "./ziggurat-normal.js";

/** Φ⁻¹(0.99): how many log-scale standard deviations the p99 lies above the median. */
export const Z_99 = 2.3263478740408408;

/** Parameters of a lognormal: either mu and sigma (log scale), or median and p99. */
export type LognormalParams = Omit<LognormalSpec, "dist"> | Omit<LognormalPercentileSpec, "dist">;

function isPercentileForm(params: LognormalParams): params is Omit<LognormalPercentileSpec, "dist"> {
  return "median" in params || "p99" in params;
}

function problems(params: LognormalParams): string[] {
  const found: string[] = [];
  if (isPercentileForm(params)) {
    if ("mu" in params || "sigma" in params) {
      found.push("lognormal: give either mu and sigma, or median and p99, not both");
    }
    const { median, p99 } = params;
    if (checkPositive(found, "lognormal", "median", median) && checkFinite(found, "lognormal", "p99", p99)) {
      if (!(p99 > median)) found.push(`lognormal: p99 (${p99}) must be greater than median (${median})`);
    }
  } else {
    checkFinite(found, "lognormal", "mu", params.mu);
    checkPositive(found, "lognormal", "sigma", params.sigma);
  }
  return found;
}

/** The log-scale mu and sigma of either form: mu = ln(median), sigma = ln(p99 / median) / z₀.₉₉. */
export function lognormalLogScale(params: LognormalParams): { mu: number; sigma: number } {
  if (!isPercentileForm(params)) return { mu: params.mu, sigma: params.sigma };
  return { mu: Math.log(params.median), sigma: Math.log(params.p99 / params.median) / Z_99 };
}

/**
 * Lognormal draws exp(N(mu, sigma)), from either form of the parameters: the ziggurat normal,
 * with the exponential done inline (fastExp).
 */
export function lognormalSampler(source: Source, params: LognormalParams): () => number {
  throwIfProblems(problems(params));
  const { mu, sigma } = lognormalLogScale(params);
  const normal = new ZigguratNormal(source, mu, sigma);
  return () => fastExp(normal.next());
}

/** The lognormal distribution: mean exp(mu + sigma²/2), quantile exp(mu + sigma · Φ⁻¹(p)). */
export const lognormalDistribution: Distribution<LognormalParams> = {
  problems,
  sampler: lognormalSampler,
  mean: (params) => {
    const { mu, sigma } = lognormalLogScale(params);
    return Math.exp(mu + (sigma * sigma) / 2);
  },
  quantile: (params, p) => {
    const { mu, sigma } = lognormalLogScale(params);
    return Math.exp(mu + sigma * standardNormalQuantile(p));
  },
  describe: (params) =>
    isPercentileForm(params)
      ? `lognormal(median ${formatNumber(params.median)}, p99 ${formatNumber(params.p99)})`
      : `lognormal(mu ${formatNumber(params.mu)}, sigma ${formatNumber(params.sigma)})`,
};
