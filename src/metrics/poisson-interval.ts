/** P(N ≤ k) for N ~ Poisson(mean), summed in logarithms so that large means do not underflow. */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  const logMean = Math.log(mean);
  let logTerm = -mean;
  let max = logTerm;
  const logs = [logTerm];
  for (let i = 1; i <= k; i++) {
    logTerm += logMean - Math.log(i);
    logs.push(logTerm);
    if (logTerm > max) max = logTerm;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/** The mean at which `decreasing(mean)` crosses `target`, by bisection on [low, high]. */
function solve(decreasing: (mean: number) => number, target: number, low: number, high: number): number {
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (decreasing(mid) > target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** A count of events turned into a rate with its 95% interval. */
export interface PoissonRate {
  readonly count: number;
  /** count / exposure. */
  readonly rate: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** "garwood": the exact two-sided interval; "ruleOfThree": no event, one-sided 95% upper bound. */
  readonly method: "garwood" | "ruleOfThree";
}

/** Beyond this count the sums cost more than they are worth: the Wilson–Hilferty form is within 1e-5. */
const LARGE_COUNT = 2000;
const Z_975 = 1.959963984540054;

/** Half the chi-square quantile with `df` degrees of freedom at the normal quantile `z` (Wilson–Hilferty). */
function chiSquareHalf(df: number, z: number): number {
  const a = 2 / (9 * df);
  return (df * (1 - a + z * Math.sqrt(a)) ** 3) / 2;
}

/**
 * The exact (Garwood) 95% interval of a Poisson mean from `count` events: the means under which
 * seeing at least (at most) that many has probability 2.5%. With no event, the one-sided 95%
 * upper bound −ln 0.05 ≈ 3 (the rule of three) instead.
 */
export function poissonMeanInterval(count: number): { low: number; high: number; method: PoissonRate["method"] } {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number >= 0, got ${count}`);
  if (count === 0) return { low: 0, high: -Math.log(0.05), method: "ruleOfThree" };
  if (count > LARGE_COUNT) return { low: chiSquareHalf(2 * count, -Z_975), high: chiSquareHalf(2 * count + 2, Z_975), method: "garwood" };
  const top = count + 20 * Math.sqrt(count) + 20;
  const high = solve((m) => poissonCdf(count, m), 0.025, count, top);
  const low = solve((m) => poissonCdf(count - 1, m), 0.975, 0, count);
  return { low, high, method: "garwood" };
}

/** `count` events in `exposure` (any unit: days, years) as a rate per unit with its 95% interval. */
export function poissonRate(count: number, exposure: number): PoissonRate {
  if (!(exposure > 0)) throw new RangeError(`exposure must be greater than 0, got ${exposure}`);
  const { low, high, method } = poissonMeanInterval(count);
  return { count, rate: count / exposure, ci95Low: low / exposure, ci95High: high / exposure, method };
}
