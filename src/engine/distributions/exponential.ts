import type { ExponentialSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { minusLogOneMinus } from "./inline-log.js";

/** Parameters of an exponential: its mean (> 0), so its rate is 1 / mean. */
export type ExponentialParams = Omit<ExponentialSpec, "dist">;

function problems({ mean }: ExponentialParams): string[] {
  const found: string[] = [];
  checkPositive(found, "exponential", "mean", mean);
  return found;
}

/**
 * Exponential draws with the given mean, by inversion: −mean · ln(1 − u), one uniform per draw
 * (as d3-random's randomExponential, with the logarithm done inline: see minusLogOneMinus).
 */
export function exponentialSampler(source: Source, params: ExponentialParams): () => number {
  throwIfProblems(problems(params));
  const { mean } = params;
  return () => mean * minusLogOneMinus(source());
}

/** The exponential distribution: quantile −mean · ln(1 − p). */
export const exponentialDistribution: Distribution<ExponentialParams> = {
  problems,
  sampler: exponentialSampler,
  mean: ({ mean }) => mean,
  quantile: ({ mean }, p) => -mean * Math.log1p(-p),
  describe: ({ mean }) => `exponential(mean ${formatNumber(mean)})`,
};
