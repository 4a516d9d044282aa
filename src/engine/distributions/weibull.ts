import { randomWeibull } from "d3-random";
import type { WeibullSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { gammaFunction } from "./special-functions.js";

/** Parameters of a Weibull: `scale` (lambda > 0) and `shape` (k > 0). */
export type WeibullParams = Omit<WeibullSpec, "dist">;

function problems({ scale, shape }: WeibullParams): string[] {
  const found: string[] = [];
  checkPositive(found, "weibull", "scale", scale);
  checkPositive(found, "weibull", "shape", shape);
  return found;
}

/** Weibull draws with P(X > x) = exp(−(x / scale)^shape). */
export function weibullSampler(source: Source, params: WeibullParams): () => number {
  throwIfProblems(problems(params));
  // d3's randomWeibull(k, a, b) is a + b · (−ln(1 − U))^(1/k): k is the shape, b the scale.
  return randomWeibull.source(source)(params.shape, 0, params.scale);
}

/** The Weibull distribution: mean scale · Γ(1 + 1/shape), quantile scale · (−ln(1 − p))^(1/shape). */
export const weibullDistribution: Distribution<WeibullParams> = {
  problems,
  sampler: weibullSampler,
  mean: ({ scale, shape }) => scale * gammaFunction(1 + 1 / shape),
  quantile: ({ scale, shape }, p) => scale * Math.pow(-Math.log1p(-p), 1 / shape),
  describe: ({ scale, shape }) => `weibull(scale ${formatNumber(scale)}, shape ${formatNumber(shape)})`,
};
