import { Z_99 } from "../../engine/distributions/lognormal.js";
import { standardNormalQuantile } from "../../engine/distributions/normal-quantile.js";
import { invertCdf, type FittedDistribution } from "./fitted-distribution.js";
import { incompleteBeta, logBeta, normalCdf } from "../../engine/distributions/special-functions.js";

const fmt = (x: number) => String(Number(x.toPrecision(4)));

/** A lognormal with log-scale mu and sigma, written as a scenario takes it: median e^mu and p99 e^(mu + 2.326 sigma). */
export function lognormalFit(mu: number, sigma: number): FittedDistribution {
  const median = Math.exp(mu);
  const p99 = Math.exp(mu + Z_99 * sigma);
  return {
    family: "lognormal",
    spec: { dist: "lognormal", median, p99 },
    parameters: `median ${fmt(median)}, p99 ${fmt(p99)} (mu ${fmt(mu)}, sigma ${fmt(sigma)})`,
    parameterCount: 2,
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    quantile: (p) => Math.exp(mu + sigma * standardNormalQuantile(p)),
  };
}

/** A Weibull with P(X > x) = exp(−(x / scale)^shape). */
export function weibullFit(scale: number, shape: number): FittedDistribution {
  return {
    family: "weibull",
    spec: { dist: "weibull", scale, shape },
    parameters: `scale ${fmt(scale)}, shape ${fmt(shape)}`,
    parameterCount: 2,
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-Math.pow(x / scale, shape))),
    quantile: (p) => scale * Math.pow(-Math.log1p(-p), 1 / shape),
  };
}

/** A Pareto with minimum `scale` and P(X > x) = (scale / x)^alpha. */
export function paretoFit(scale: number, alpha: number): FittedDistribution {
  return {
    family: "pareto",
    spec: { dist: "pareto", scale, alpha },
    parameters: `scale ${fmt(scale)}, alpha ${fmt(alpha)}`,
    parameterCount: 2,
    cdf: (x) => (x <= scale ? 0 : -Math.expm1(alpha * Math.log(scale / x))),
    quantile: (p) => scale * Math.pow(1 - p, -1 / alpha),
  };
}

/** min + (max − min) · Beta(alpha, beta). */
export function scaledBetaFit(min: number, max: number, alpha: number, beta: number): FittedDistribution {
  const width = max - min;
  const logB = logBeta(alpha, beta);
  const cdf = (x: number) => incompleteBeta(Math.min(1, Math.max(0, (x - min) / width)), alpha, beta, logB);
  return {
    family: "scaledBeta",
    spec: { dist: "scaledBeta", min, max, alpha, beta },
    parameters: `min ${fmt(min)}, max ${fmt(max)}, alpha ${fmt(alpha)}, beta ${fmt(beta)}`,
    parameterCount: 4,
    cdf,
    quantile: (p) => invertCdf(cdf, p, min, max),
  };
}

/** One lognormal part of a mixture: its weight and log-scale mu and sigma. */
export interface LognormalPart {
  readonly weight: number;
  readonly mu: number;
  readonly sigma: number;
}

/** A mixture of two lognormals (weights add up to 1), the faster part first. */
export function mixtureFit(parts: readonly [LognormalPart, LognormalPart]): FittedDistribution {
  const [a, b] = parts[0].mu <= parts[1].mu ? parts : [parts[1], parts[0]];
  const cdf = (x: number) =>
    x <= 0 ? 0 : a.weight * normalCdf((Math.log(x) - a.mu) / a.sigma) + b.weight * normalCdf((Math.log(x) - b.mu) / b.sigma);
  const component = (part: LognormalPart) => ({
    weight: part.weight,
    dist: "lognormal" as const,
    median: Math.exp(part.mu),
    p99: Math.exp(part.mu + Z_99 * part.sigma),
  });
  const text = (part: LognormalPart) =>
    `${fmt(100 * part.weight)}% median ${fmt(Math.exp(part.mu))}, p99 ${fmt(Math.exp(part.mu + Z_99 * part.sigma))}`;
  return {
    family: "mixture",
    spec: { dist: "mixture", components: [component(a), component(b)] },
    parameters: `${text(a)} + ${text(b)}`,
    parameterCount: 5,
    cdf,
    quantile: (p) => invertCdf(cdf, p, Math.exp(Math.min(a.mu, b.mu) - 10 * Math.max(a.sigma, b.sigma)), Math.exp(Math.max(a.mu, b.mu))),
  };
}

/** The percentiles an empirical fit keeps, as the scenario's `empirical` spec names them. */
export interface EmpiricalKnotValues {
  readonly min: number;
  readonly p50: number;
  readonly p90?: number;
  readonly p99?: number;
  readonly p999?: number;
  readonly max?: number;
}

const LEVELS = [["min", 0], ["p50", 0.5], ["p90", 0.9], ["p99", 0.99], ["p999", 0.999], ["max", 1]] as const;

/**
 * relisim's `empirical` distribution on the given percentiles: the quantile function linear
 * between them; without `max`, the last two knots' slope extended to p = 1 (as the engine does).
 */
export function empiricalFit(knots: EmpiricalKnotValues): FittedDistribution {
  const p: number[] = [];
  const q: number[] = [];
  for (const [key, level] of LEVELS) {
    const value = knots[key];
    if (value === undefined) continue;
    p.push(level);
    q.push(value);
  }
  if (p[p.length - 1] !== 1) {
    const n = p.length;
    p.push(1);
    q.push(q[n - 1] + ((q[n - 1] - q[n - 2]) / (p[n - 1] - p[n - 2])) * (1 - p[n - 1]));
  }
  const quantile = (u: number) => {
    let i = 0;
    while (i < p.length - 2 && u > p[i + 1]) i++;
    return q[i] + ((u - p[i]) * (q[i + 1] - q[i])) / (p[i + 1] - p[i]);
  };
  const cdf = (x: number) => {
    if (x < q[0]) return 0;
    if (x >= q[q.length - 1]) return 1;
    let i = 0;
    while (i < q.length - 2 && x >= q[i + 1]) i++;
    return q[i + 1] === q[i] ? p[i + 1] : p[i] + ((x - q[i]) * (p[i + 1] - p[i])) / (q[i + 1] - q[i]);
  };
  const spec = { dist: "empirical" as const, ...knots };
  const parameters = LEVELS.filter(([key]) => knots[key] !== undefined).map(([key]) => `${key} ${fmt(knots[key] as number)}`).join(", ");
  return { family: "empirical", spec, parameters, parameterCount: p.length, cdf, quantile };
}
