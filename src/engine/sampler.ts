import type { DistributionSpec, MixtureSpec } from "./distribution-spec.js";
import { DISTRIBUTION_NAMES } from "./distribution-spec.js";
import type { Source } from "./random-streams.js";
import { bernoulliDistribution } from "./distributions/bernoulli.js";
import { assertProbability, formatNumber, throwIfProblems } from "./distributions/checks.js";
import { constantDistribution } from "./distributions/constant.js";
import type { Distribution } from "./distributions/distribution.js";
import { empiricalDistribution } from "./distributions/empirical.js";
import { exponentialDistribution } from "./distributions/exponential.js";
import { lognormalDistribution } from "./distributions/lognormal.js";
import { mixtureSampler, mixtureWeightProblems } from "./distributions/mixture.js";
import { normalDistribution } from "./distributions/normal.js";
import { paretoDistribution } from "./distributions/pareto.js";
import { scaledBetaDistribution } from "./distributions/scaled-beta.js";
import { uniformDistribution } from "./distributions/uniform.js";
import { weibullDistribution } from "./distributions/weibull.js";

type SimpleSpec = Exclude<DistributionSpec, MixtureSpec>;

// One switch hands each family its typed parameters; the spec's `dist` key is ignored by them.
function withFamily<R>(spec: SimpleSpec, use: <P>(family: Distribution<P>, params: P) => R): R {
  switch (spec.dist) {
    case "constant": return use(constantDistribution, spec);
    case "uniform": return use(uniformDistribution, spec);
    case "exponential": return use(exponentialDistribution, spec);
    case "normal": return use(normalDistribution, spec);
    case "lognormal": return use(lognormalDistribution, spec);
    case "pareto": return use(paretoDistribution, spec);
    case "weibull": return use(weibullDistribution, spec);
    case "scaledBeta": return use(scaledBetaDistribution, spec);
    case "empirical": return use(empiricalDistribution, spec);
    case "bernoulli": return use(bernoulliDistribution, spec);
    default: throw new RangeError(`unknown distribution ${JSON.stringify((spec as { dist: unknown }).dist)}`);
  }
}

function assertValid(spec: DistributionSpec): void {
  throwIfProblems(validateDistribution(spec));
}

function totalWeight(spec: MixtureSpec): number {
  return spec.components.reduce((sum, c) => sum + c.weight, 0);
}

/** Every problem with `spec` as a human message (empty when it is fine); never throws. */
export function validateDistribution(spec: DistributionSpec): string[] {
  if (typeof spec !== "object" || spec === null) return [`a distribution must be an object, got ${String(spec)}`];
  if (!(DISTRIBUTION_NAMES as readonly unknown[]).includes(spec.dist)) {
    return [`unknown distribution ${JSON.stringify(spec.dist)}; expected one of ${DISTRIBUTION_NAMES.join(", ")}`];
  }
  if (spec.dist !== "mixture") return withFamily(spec, (family, params) => family.problems(params));
  if (!Array.isArray(spec.components)) return ["mixture: components must be a list"];
  const found = mixtureWeightProblems(spec.components.map((c) => c?.weight));
  spec.components.forEach((c, i) => {
    for (const problem of validateDistribution(c)) found.push(`mixture: components[${i}]: ${problem}`);
  });
  return found;
}

/** A sampler for `spec` drawing from `source` (mixture components share it); throws RangeError on bad params. */
export function makeSampler(spec: DistributionSpec, source: Source): () => number {
  assertValid(spec);
  if (spec.dist !== "mixture") return withFamily(spec, (family, params) => family.sampler(source, params));
  const components = spec.components.map((c) => ({ weight: c.weight, sample: makeSampler(c, source) }));
  return mixtureSampler(source, { components });
}

/** The mean of `spec` in its own unit (Infinity when it diverges, e.g. pareto with alpha ≤ 1). */
export function distributionMean(spec: DistributionSpec): number {
  assertValid(spec);
  if (spec.dist !== "mixture") return withFamily(spec, (family, params) => family.mean(params));
  const total = totalWeight(spec);
  return spec.components.reduce((sum, c) => (c.weight > 0 ? sum + (c.weight / total) * distributionMean(c) : sum), 0);
}

/** The quantile of `spec` at p in [0, 1] where it has a closed form; undefined for scaledBeta and mixture. */
export function distributionQuantile(spec: DistributionSpec, p: number): number | undefined {
  assertValid(spec);
  assertProbability(p);
  if (spec.dist === "mixture") return undefined;
  return withFamily(spec, (family, params) => family.quantile(params, p));
}

/** Short human text for `spec`, e.g. `lognormal(median 1.2, p99 9)`; `spec` should be valid. */
export function describeDistribution(spec: DistributionSpec): string {
  if (spec.dist !== "mixture") return withFamily(spec, (family, params) => family.describe(params));
  const total = totalWeight(spec);
  const parts = spec.components.map((c) => `${formatNumber((100 * c.weight) / total)}% ${describeDistribution(c)}`);
  return `mixture(${parts.join(", ")})`;
}
