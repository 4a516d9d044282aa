import type { NormalSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { standardNormalQuantile } from "./normal-quantile.js";
import { ZigguratNormal } from "./ziggurat-normal.js";

/** Parameters of a normal: mean and standard deviation (> 0). */
export type NormalParams = Omit<NormalSpec, "dist">;

function problems({ mean, stddev }: NormalParams): string[] {
  const found: string[] = [];
  checkFinite(found, "normal", "mean", mean);
  checkPositive(found, "normal", "stddev", stddev);
  return found;
}

/** Normal draws by the ziggurat method (see ZigguratNormal). */
export function normalSampler(source: Source, params: NormalParams): () => number {
  throwIfProblems(problems(params));
  const normal = new ZigguratNormal(source, params.mean, params.stddev);
  return () => normal.next();
}

/** The normal distribution: quantile mean + stddev · Φ⁻¹(p). */
export const normalDistribution: Distribution<NormalParams> = {
  problems,
  sampler: normalSampler,
  mean: ({ mean }) => mean,
  quantile: ({ mean, stddev }, p) => mean + stddev * standardNormalQuantile(p),
  describe: ({ mean, stddev }) => `normal(mean ${formatNumber(mean)}, stddev ${formatNumber(stddev)})`,
};
