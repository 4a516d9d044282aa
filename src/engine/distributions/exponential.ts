import { randomExponential } from "d3-random";
import type { ExponentialSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of an exponential: its mean (> 0), so its rate is 1 / mean. */
export type ExponentialParams = Omit<ExponentialSpec, "dist">;

function problems({ mean }: ExponentialParams): string[] {
  const found: string[] = [];
  checkPositive(found, "exponential", "mean", mean);
  return found;
}

/** Exponential draws with the given mean. */
export function exponentialSampler(source: Source, params: ExponentialParams): () => number {
  throwIfProblems(problems(params));
  return randomExponential.source(source)(1 / params.mean);
}

/** The exponential distribution: quantile −mean · ln(1 − p). */
export const exponentialDistribution: Distribution<ExponentialParams> = {
  problems,
  sampler: exponentialSampler,
  mean: ({ mean }) => mean,
  quantile: ({ mean }, p) => -mean * Math.log1p(-p),
  describe: ({ mean }) => `exponential(mean ${formatNumber(mean)})`,
};
