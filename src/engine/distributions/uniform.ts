import { randomUniform } from "d3-random";
import type { UniformSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of a uniform: draws lie in [min, max), max > min. */
export type UniformParams = Omit<UniformSpec, "dist">;

function problems({ min, max }: UniformParams): string[] {
  const found: string[] = [];
  if (checkFinite(found, "uniform", "min", min) && checkFinite(found, "uniform", "max", max)) {
    if (!(max > min)) found.push(`uniform: max (${max}) must be greater than min (${min})`);
  }
  return found;
}

/** Uniform draws on [min, max). */
export function uniformSampler(source: Source, params: UniformParams): () => number {
  throwIfProblems(problems(params));
  return randomUniform.source(source)(params.min, params.max);
}

/** The uniform distribution on [min, max). */
export const uniformDistribution: Distribution<UniformParams> = {
  problems,
  sampler: uniformSampler,
  mean: ({ min, max }) => (min + max) / 2,
  quantile: ({ min, max }, p) => min + p * (max - min),
  describe: ({ min, max }) => `uniform(min ${formatNumber(min)}, max ${formatNumber(max)})`,
};
