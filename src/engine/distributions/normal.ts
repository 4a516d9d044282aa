import type { NormalSpec } from "../distribution-spec.js";
import type { Source } from "../random-streams.js";
import { checkFinite, checkPositive, formatNumber, throwIfProblems } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { logUnit } from "./inline-log.js";
import { standardNormalQuantile } from "./normal-quantile.js";

/** Parameters of a normal: mean and standard deviation (> 0). */
export type NormalParams = Omit<NormalSpec, "dist">;

function problems({ mean, stddev }: NormalParams): string[] {
  const found: string[] = [];
  checkFinite(found, "normal", "mean", mean);
  checkPositive(found, "normal", "stddev", stddev);
  return found;
}

/** Normal draws (Marsaglia's polar method, which keeps the second deviate of each pair). */
export function normalSampler(source: Source, params: NormalParams): () => number {
  throwIfProblems(problems(params));
  return polarNormal(source, params.mean, params.stddev);
}

/**
 * Marsaglia's polar method: a point (x, y) uniform in the unit disc gives two independent
 * deviates x·f and y·f, f = √(−2 ln r / r), r = x² + y²; y·f now, x·f on the next call. The same
 * draws in the same order as d3-random's randomNormal, with the logarithm done inline (logUnit).
 *
 * A class, not a closure: V8 boxes every double a closure's variables are set to (an allocation
 * per draw), while an object's double fields are updated in place.
 */
export class PolarNormal {
  #spare = 0;
  #factor = 0;
  #hasSpare = false;

  constructor(
    readonly source: Source,
    readonly mean: number,
    readonly stddev: number,
  ) {}

  next(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.mean + this.stddev * this.#spare * this.#factor;
    }
    const source = this.source;
    let x: number;
    let y: number;
    let r: number;
    do {
      x = source() * 2 - 1;
      y = source() * 2 - 1;
      r = x * x + y * y;
    } while (r === 0 || r > 1);
    const factor = Math.sqrt((-2 * logUnit(r)) / r);
    this.#factor = factor;
    this.#spare = x;
    this.#hasSpare = true;
    return this.mean + this.stddev * y * factor;
  }
}

/** Normal draws from `source` as a plain sampler function (see PolarNormal). */
export function polarNormal(source: Source, mean: number, stddev: number): () => number {
  const normal = new PolarNormal(source, mean, stddev);
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
