import { randomNormal } from "d3-random";
import type { NormalSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { standardNormalQuantile } from "./normal-quantile.js";

/** Parameters of a normal: mean and standard deviation (> 0). */
export type NormalParams = Omit<NormalSpec, "dist">;

function problems({ mean, stddev }: NormalParams): string[] {
  const found: string[] = [];
  checkFinite(found, "normal", "mean", mean);
  checkPositive(found, "normal", "stddev", stddev);
  return found;
}

/** Normal draws (Marsaglia's polar method, which keeps the second deviate of each pair). */
export function normalSampler(source: Source, params: NormalParams): () => number {
  throwIfProblems(problems(params));
  return randomNormal.source(source)(params.mean, params.stddev);
}

/** The normal distribution: quantile mean + stddev · Φ⁻¹(p). */
export const normalDistribution: Distribution<NormalParams> = {
  problems,
  sampler: normalSampler,
  mean: ({ mean }) => mean,
  quantile: ({ mean, stddev }, p) => mean + stddev * standardNormalQuantile(p),
  describe: ({ mean, stddev }) => `normal(mean ${formatNumber(mean)}, stddev ${formatNumber(stddev)})`,
};
