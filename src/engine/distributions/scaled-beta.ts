import type { ScaledBetaSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { GammaShape, gammaDraw } from "./gamma-sampler.js";

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

/** A scaled beta's constants, shared by the samplers made from one params object. */
class BetaShape {
  readonly x: GammaShape;
  readonly y: GammaShape;
  readonly min: number;
  readonly width: number;

  constructor(readonly params: Readonly<ScaledBetaParams>) {
    this.x = new GammaShape(params.alpha);
    this.y = new GammaShape(params.beta);
    this.min = params.min;
    this.width = params.max - params.min;
  }

  /** Still made from these values (a params object changed since is not reused). */
  fits(p: ScaledBetaParams): boolean {
    const q = this.params;
    return q.min === p.min && q.max === p.max && q.alpha === p.alpha && q.beta === p.beta;
  }
}

/**
 * One BetaShape per params object (a node config's disk spec is one object for every node), so
 * the many nodes' disk samplers read one set of constants: at 768 nodes each node's own copy,
 * its boxed doubles scattered, was a cache miss per disk draw. Weak: a spec is dropped with its run.
 */
const shapes = new WeakMap<object, BetaShape>();

function betaShape(params: ScaledBetaParams): BetaShape {
  let shape = shapes.get(params);
  if (shape === undefined || !shape.fits(params)) {
    shape = new BetaShape({ min: params.min, max: params.max, alpha: params.alpha, beta: params.beta });
    shapes.set(params, shape);
  }
  return shape;
}

/**
 * Draws min + (max − min) · Beta(alpha, beta), Beta as X / (X + Y) of two independent gammas
 * (see gammaDraw) drawn from one source.
 */
export function scaledBetaSampler(source: Source, params: ScaledBetaParams): () => number {
  throwIfProblems(problems(params));
  const shape = betaShape(params);
  return () => {
    const gx = gammaDraw(source, shape.x);
    return shape.min + shape.width * (gx === 0 ? 0 : gx / (gx + gammaDraw(source, shape.y)));
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
