import { randomBernoulli } from "d3-random";
import type { BernoulliSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";

/** Parameters of a Bernoulli: the probability p in [0, 1] of drawing 1. */
export type BernoulliParams = Omit<BernoulliSpec, "dist">;

function problems({ p }: BernoulliParams): string[] {
  const found: string[] = [];
  if (checkFinite(found, "bernoulli", "p", p) && !(p >= 0 && p <= 1)) {
    found.push(`bernoulli: p (${p}) must be between 0 and 1`);
  }
  return found;
}

/** Draws 1 with probability p, else 0. */
export function bernoulliSampler(source: Source, params: BernoulliParams): () => number {
  throwIfProblems(problems(params));
  return randomBernoulli.source(source)(params.p);
}

/** The Bernoulli distribution: its quantile at q is 0 while q ≤ 1 − p, else 1. */
export const bernoulliDistribution: Distribution<BernoulliParams> = {
  problems,
  sampler: bernoulliSampler,
  mean: ({ p }) => p,
  quantile: ({ p }, q) => (q <= 1 - p ? 0 : 1),
  describe: ({ p }) => `bernoulli(p ${formatNumber(p)})`,
};
