import { randomPareto } from "d3-random";
import type { ParetoSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of a Pareto: minimum `scale` (x_m > 0) and tail index `alpha` (> 0). */
export type ParetoParams = Omit<ParetoSpec, "dist">;

function problems({ scale, alpha }: ParetoParams): string[] {
  const found: string[] = [];
  checkPositive(found, "pareto", "scale", scale);
  checkPositive(found, "pareto", "alpha", alpha);
  return found;
}

/** Pareto draws ≥ scale with P(X > x) = (scale / x)^alpha. */
export function paretoSampler(source: Source, params: ParetoParams): () => number {
  throwIfProblems(problems(params));
  // d3's randomPareto(alpha) is the Pareto with x_m = 1: (1 − U)^(−1/alpha).
  const standard = randomPareto.source(source)(params.alpha);
  const { scale } = params;
  return () => scale * standard();
}

/** The Pareto distribution: mean alpha · x_m / (alpha − 1) for alpha > 1, else Infinity. */
export const paretoDistribution: Distribution<ParetoParams> = {
  problems,
  sampler: paretoSampler,
  mean: ({ scale, alpha }) => (alpha > 1 ? (alpha * scale) / (alpha - 1) : Infinity),
  quantile: ({ scale, alpha }, p) => scale * Math.pow(1 - p, -1 / alpha),
  describe: ({ scale, alpha }) => `pareto(scale ${formatNumber(scale)}, alpha ${formatNumber(alpha)})`,
};
