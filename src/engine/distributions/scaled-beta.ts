import type { ScaledBetaSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { MarsagliaTsangGamma } from "./gamma-sampler.js";

/** Parameters of a scaled beta: the range [min, max] (max > min) and the shapes alpha, beta (> 0). */
export type ScaledBetaParams = Omit<ScaledBetaSpec, "dist">;

function problems({ min, max, alpha, beta }: ScaledBetaParams): string[] {
  const found: string[] = [];
  if (checkFinite(found, "scaledBeta", "min", min) && checkFinite(found, "scaledBeta", "max", max)) {
    if (!(max > min)) found.push(`scaledBeta: max (${max}) must be greater than min (${min})`);
  }
  checkPositive(found, "scaledBeta", "alpha", alpha);
  checkPositive(found, "scaledBeta", "beta", beta);
  return found;
}

/**
 * Draws min + (max − min) · Beta(alpha, beta), Beta as X / (X + Y) of two independent gammas
 * (see MarsagliaTsangGamma) drawn from one source.
 */
export function scaledBetaSampler(source: Source, params: ScaledBetaParams): () => number {
  throwIfProblems(problems(params));
  const x = new MarsagliaTsangGamma(source, params.alpha);
  const y = new MarsagliaTsangGamma(source, params.beta);
  const { min } = params;
  const width = params.max - min;
  return () => {
    const gx = x.next();
    return min + width * (gx === 0 ? 0 : gx / (gx + y.next()));
  };
}

/** The scaled beta distribution: mean min + (max − min) · alpha / (alpha + beta); no closed-form quantile. */
export const scaledBetaDistribution: Distribution<ScaledBetaParams> = {
  problems,
  sampler: scaledBetaSampler,
  mean: ({ min, max, alpha, beta }) => min + ((max - min) * alpha) / (alpha + beta),
  quantile: () => undefined,
  describe: ({ min, max, alpha, beta }) =>
    `scaledBeta(min ${formatNumber(min)}, max ${formatNumber(max)}, alpha ${formatNumber(alpha)}, beta ${formatNumber(beta)})`,
};
