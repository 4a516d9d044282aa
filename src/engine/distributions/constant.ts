import type { ConstantSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of a constant: the one value it always returns. */
export type ConstantParams = Omit<ConstantSpec, "dist">;

function problems({ value }: ConstantParams): string[] {
  const found: string[] = [];
  checkFinite(found, "constant", "value", value);
  return found;
}

/** Always `value`; draws nothing from `source`. */
export function constantSampler(_source: Source, params: ConstantParams): () => number {
  throwIfProblems(problems(params));
  const { value } = params;
  return () => value;
}

/** The constant distribution: every quantile and the mean are `value`. */
export const constantDistribution: Distribution<ConstantParams> = {
  problems,
  sampler: constantSampler,
  mean: ({ value }) => value,
  quantile: ({ value }) => value,
  describe: ({ value }) => `constant(${formatNumber(value)})`,
};
