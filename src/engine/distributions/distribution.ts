import type { Source } from "../random-streams.js";

/**
 * Everything relisim knows about one distribution family with parameters `P`: its checks, its
 * sampler factory, its mean, its quantile (where one exists in closed form) and its description.
 */
export interface Distribution<P> {
  /** Every problem with `params` as a human message; empty when they are fine. */
  readonly problems: (params: P) => string[];
  /** A sampler drawing from `source`; throws RangeError when `params` have problems. */
  readonly sampler: (source: Source, params: P) => () => number;
  /** The mean (Infinity when it diverges); `params` must be valid. */
  readonly mean: (params: P) => number;
  /** The quantile at probability p in [0, 1], or undefined when it has no closed form. */
  readonly quantile: (params: P, p: number) => number | undefined;
  /** Short human text such as `exponential(mean 2)`. */
  readonly describe: (params: P) => string;
}
