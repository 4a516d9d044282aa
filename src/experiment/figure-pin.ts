import { estimate } from "./statistics.js";
import { studentTQuantileUpper } from "./student-t.js";

/**
 * One pinned figure: its value on the pinned seed, and its mean and spread over replications.
 * A new run's value is a new draw, so it is judged against a prediction interval,
 * mean ± t(df) · sd · √(1 + 1/n), not against the mean's confidence interval.
 */
export interface FigurePin {
  /** The figure on the pinned seed itself (replication 0): what `--exact` compares. */
  readonly value: number;
  /** The mean of the `n` draws the pin saw. */
  readonly mean: number;
  /** The standard deviation of one draw (one run's figure), estimated with `df` degrees of freedom. */
  readonly sd: number;
  readonly n: number;
  readonly df: number;
  /** Every draw was a whole number: a count (or a 0/1 share that never moved). */
  readonly integer: boolean;
}

/** The pin of a figure from its value in each replication (replication 0 first; at least 2). */
export function pinFigure(values: readonly number[]): FigurePin {
  if (values.length < 2) throw new RangeError(`a figure needs at least 2 replications to pin its spread, got ${values.length}`);
  const e = estimate(values);
  return { value: values[0], mean: e.mean, sd: e.std, n: values.length, df: values.length - 1, integer: values.every(Number.isInteger) };
}

/**
 * The pin of a figure that is itself a mean over `replications` runs (a fleet scenario's
 * estimate): one draw of it has sd std/√R, known with R − 1 degrees of freedom, and the pin
 * is one such draw (n = 1).
 */
export function pinMeanFigure(mean: number, std: number, replications: number): FigurePin {
  return { value: mean, mean, sd: std / Math.sqrt(replications), n: 1, df: Math.max(1, replications - 1), integer: false };
}

/** The bucket width of a reported latency percentile relative to its value (latency-histogram.ts): 2^−7. */
export const PERCENTILE_RESOLUTION = 2 ** -7;

/** How a figure is judged. */
export type FigureRule =
  /** Normal theory: Student-t prediction interval on the pinned sd (with floors, see spreadOf). */
  | "t"
  /** Never varied and not a whole number: a structural figure (a configured target); must be equal. */
  | "equal"
  /**
   * The largest of many draws (`…max`) or the value only a thousandth exceed (`p999`): set by a
   * handful of rare slow requests, heavy-tailed and jumping between modes from seed to seed;
   * not compared (see README).
   */
  | "extreme";

/** Percentile-like figures: quantized to histogram buckets (`p99`, `p999`, `clientLatencyMs.p99.worst`). */
function isPercentile(path: string): boolean {
  const parts = path.split(".");
  return parts.some((p) => /^p\d+$/.test(p)) && /latency/i.test(path);
}

/** Which rule judges `path` given its pin. */
export function ruleFor(path: string, pin: FigurePin): FigureRule {
  if (path.endsWith(".max") || path.endsWith("Max") || (path.endsWith(".p999") && isPercentile(path))) return "extreme";
  if (pin.sd === 0 && !pin.integer && !isPercentile(path)) return "equal";
  return "t";
}

/**
 * The spread a new draw is judged with. Floors keep two kinds of degenerate figure from raising
 * alarms: a count takes at least a Poisson spread √max(mean, 1) (a rare event that happened in
 * no replication may still happen once), and a latency percentile at least one histogram bucket
 * (it moves in whole buckets, so a spread smaller than that is an artefact of too few draws).
 */
export function spreadOf(path: string, pin: FigurePin): number {
  let sd = pin.sd;
  if (pin.integer) sd = Math.max(sd, Math.sqrt(Math.max(Math.abs(pin.mean), 1)));
  if (isPercentile(path)) sd = Math.max(sd, PERCENTILE_RESOLUTION * Math.abs(pin.mean));
  return sd;
}

/** A figure judged: its rule, the allowed prediction interval and how far out the new value lies. */
export interface FigureJudgement {
  readonly rule: FigureRule;
  readonly low: number;
  readonly high: number;
  /** (value − mean) / (spread · √(1 + 1/n)): the new value in prediction standard deviations. */
  readonly z: number;
  /** The t quantile the interval used. */
  readonly t: number;
  readonly ok: boolean;
}

/** Quantiles already computed: a comparison asks for the same few (one per df) for every figure. */
const quantiles = new Map<string, number>();
function tQuantile(tail: number, df: number): number {
  const key = `${tail} ${df}`;
  let t = quantiles.get(key);
  if (t === undefined) {
    t = studentTQuantileUpper(tail, df);
    if (quantiles.size > 1000) quantiles.clear();
    quantiles.set(key, t);
  }
  return t;
}

/**
 * Judges `value` against `pin` at a two-sided false-alarm probability `alpha` for this one
 * figure; a deviation within `floor` (the scenario's `pin.tolerance`) is always allowed.
 */
export function judgeFigure(path: string, pin: FigurePin, value: number, alpha: number, floor = 0): FigureJudgement {
  const rule = ruleFor(path, pin);
  if (rule === "extreme") return { rule, low: -Infinity, high: Infinity, z: 0, t: Infinity, ok: true };
  const off = value - pin.mean;
  if (rule === "equal") {
    // A hair of relative slack for floating-point sums done in another order.
    const half = Math.max(floor, 1e-9 * Math.max(1, Math.abs(pin.mean)));
    const ok = Math.abs(off) <= half;
    return { rule, low: pin.mean - half, high: pin.mean + half, z: off === 0 ? 0 : Math.sign(off) * Infinity, t: Infinity, ok };
  }
  const scale = spreadOf(path, pin) * Math.sqrt(1 + 1 / pin.n);
  const t = tQuantile(alpha / 2, pin.df);
  const half = Math.max(t * scale, floor);
  return { rule, low: pin.mean - half, high: pin.mean + half, z: off / scale, t, ok: Math.abs(off) <= half };
}
