/** Two-sided 95% Student t quantiles t(0.975, df) for df = 1..30; beyond, the normal 1.96 is close. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df): the factor of a 95% confidence interval's half-width over the standard error. */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a whole number >= 1, got ${df}`);
  if (df <= 30) return T_975[df - 1];
  // Beyond 30: the normal quantile with the first Cornish–Fisher correction (error < 0.001).
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df);
}

/** Mean, sample standard deviation and 95% confidence interval (Student t) of replications. */
export interface Estimate {
  readonly mean: number;
  readonly std: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
}

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) throw new RangeError("no values to estimate from");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0, ci95: [mean, mean], n };
  const variance = values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  const half = studentT975(n - 1) * (std / Math.sqrt(n));
  return { mean, std, ci95: [mean - half, mean + half], n };
}

/** An estimate as reported: mean, standard deviation and the 95% interval's bounds. */
export interface ReportedEstimate {
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
}

/** `x` to 6 significant digits, as reports write figures. */
export function roundReported(x: number): number {
  return Number(x.toPrecision(6));
}

const round = roundReported;

/**
 * An estimate rounded to 6 significant digits for reports. Every headline figure is a count, a
 * duration, a share or a latency: an interval's lower bound stops at 0.
 */
export function reportEstimate(e: Estimate): ReportedEstimate {
  return { mean: round(e.mean), std: round(e.std), ci95Low: round(Math.max(0, e.ci95[0])), ci95High: round(e.ci95[1]) };
}
