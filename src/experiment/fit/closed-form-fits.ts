import type { FittedDistribution } from "./fitted-distribution.js";
import { lognormalFit, paretoFit } from "./families.js";

/** Maximum likelihood lognormal for positive sorted samples: mu and sigma the mean and sd (1/n) of the logs. */
export function fitLognormal(xs: Float64Array): FittedDistribution {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(xs[i]);
  const mu = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (Math.log(xs[i]) - mu) ** 2;
  return lognormalFit(mu, Math.sqrt(squares / n));
}

/** Maximum likelihood Pareto for positive sorted samples: scale the smallest, alpha = n / Σ ln(x / scale). */
export function fitPareto(xs: Float64Array): FittedDistribution {
  const n = xs.length;
  const scale = xs[0];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(xs[i] / scale);
  return paretoFit(scale, n / sum);
}
