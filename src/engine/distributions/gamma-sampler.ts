import type { Source } from "../random-streams.js";
import { standardNormal } from "./ziggurat-normal.js";

/**
 * Gamma(k, 1) draws by Marsaglia and Tsang's method (2000): a cubed shifted normal, accepted by a
 * cheap squeeze and, rarely, by the exact log test; k < 1 boosts Gamma(k + 1) by U^(1/k). The
 * normal is the ziggurat's (standardNormal), which needs no logarithm: the disk-latency beta
 * draws two gammas per service.
 *
 * A shape's constants live in a GammaShape of their own, which samplers of the same shape may
 * share (every node's disk draws from one): per draw, only the source is the sampler's own.
 */
export class GammaShape {
  readonly d: number;
  readonly c: number;
  readonly boost: boolean;
  readonly invK: number;
  readonly exponential: boolean;

  constructor(readonly k: number) {
    if (!(k > 0)) throw new RangeError(`gamma shape must be greater than 0, got ${k}`);
    this.exponential = k === 1;
    this.boost = k < 1;
    this.d = (this.boost ? k + 1 : k) - 1 / 3;
    this.c = 1 / (3 * Math.sqrt(this.d));
    this.invK = 1 / k;
  }
}

/** One Gamma(shape.k, 1) draw from `source`. */
export function gammaDraw(source: Source, shape: GammaShape): number {
  if (shape.exponential) return -Math.log1p(-source());
  const d = shape.d;
  const c = shape.c;
  let x: number;
  let v: number;
  let u: number;
  do {
    do {
      x = standardNormal(source);
      v = 1 + c * x;
    } while (v <= 0);
    v *= v * v;
    u = 1 - source();
    // The squeeze accepts about 98% of draws; the exact test needs two logarithms, kept as libm's.
  } while (u >= 1 - 0.0331 * x * x * x * x && Math.log(u) >= 0.5 * x * x + d * (1 - v + Math.log(v)));
  return shape.boost ? d * v * Math.pow(source(), shape.invK) : d * v;
}

/** Gamma(k, 1) draws from one source (see gammaDraw). */
export class MarsagliaTsangGamma {
  readonly #source: Source;
  readonly #shape: GammaShape;

  constructor(source: Source, k: number) {
    this.#shape = new GammaShape(k);
    this.#source = source;
  }

  next(): number {
    return gammaDraw(this.#source, this.#shape);
  }
}

/** Gamma(k, 1) draws as a plain sampler function (see gammaDraw). */
export function gammaSampler(source: Source, k: number): () => number {
  const shape = new GammaShape(k);
  return () => gammaDraw(source, shape);
}
