/**
 * Parsers for the quantities users write in scenario files: durations, sizes,
 * rates, fractions and bandwidths. Each returns a plain number in the unit the
 * model uses (µs, bytes, per second) or throws a `UnitError` whose message reads
 * `expected a duration such as "250ms", got "10 minutes"`.
 */
import type { Micros } from "../engine/time.js";

/** A quantity that could not be parsed; `message` is ready to show the user. */
export class UnitError extends Error {
  override readonly name = "UnitError";
  constructor(
    /** What was expected, e.g. `a duration such as "250ms"`. */
    readonly expected: string,
    /** The rejected input, as given. */
    readonly input: unknown,
  ) {
    super(`expected ${expected}, got ${describeInput(input)}`);
  }
}

/** Renders a user's value for a message: strings quoted, numbers bare, containers named. */
/** A count as people read it in a message: 720,000; 1.20e+16 beyond what digits make clear. */
export function formatCount(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString("en-US") : n.toExponential(2);
}

export function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "an object";
  if (typeof input === "string") {
    return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  }
  return String(input);
}

export const DURATION_EXPECTED = 'a duration such as "250ms"';
export const SIZE_EXPECTED = 'a size such as "4KiB"';
export const RATE_EXPECTED = 'a rate such as "100/s"';
export const FRACTION_EXPECTED = 'a fraction between 0 and 1 or a percentage such as "99.9%"';
export const BANDWIDTH_EXPECTED = 'a bandwidth such as "200MiB/s"';

const US = 1;
const MS = 1_000;
const S = 1_000_000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
const W = 7 * D;
const Y = 365 * D;

/** Microseconds per duration unit; `µ` (micro sign) and `μ` (Greek mu) both accepted. */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  us: US, "µs": US, "μs": US, ms: MS, s: S, m: MIN, h: H, d: D, w: W, y: Y,
};

/** Bytes per size unit: SI (`KB`, `kB` = 1000) and binary (`KiB` = 1024). */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1, KB: 1e3, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40,
};

/** Seconds per rate denominator (`/s`, `/min`, ...). */
const PER_UNITS: Readonly<Record<string, number>> = {
  s: 1, m: 60, min: 60, h: 3600, d: 86_400, w: 7 * 86_400, y: 365 * 86_400,
};

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const SIZE_UNIT = "(B|KB|kB|MB|GB|TB|KiB|MiB|GiB|TiB)";
const PER_UNIT = "(s|m|min|h|d|w|y)";

// Each grammar is both the parser and the `pattern` published in the JSON Schema.
const DURATION_UNIT = "(us|µs|μs|ms|s|m|h|d|w|y)";
/** The duration grammar: `0`, or numbers each with a unit (`us`, `µs`, `ms`, `s`, `m`, `h`, `d`, `w`, `y`), summed: `90s`, `1h30m`. */
export const DURATION_PATTERN = new RegExp(`^(?:0|(?:${NUMBER} ?${DURATION_UNIT} ?)*${NUMBER} ?${DURATION_UNIT})$`);
const DURATION_PART = new RegExp(`${NUMBER} ?${DURATION_UNIT}`, "g");
/** The size grammar: a number and an optional unit (a bare number is bytes). */
export const SIZE_PATTERN = new RegExp(`^${NUMBER} ?${SIZE_UNIT}?$`);
/** The rate grammar: a number and an optional `/unit` (a bare number is per second). */
export const RATE_PATTERN = new RegExp(`^${NUMBER}(?: ?/ ?${PER_UNIT})?$`);
/** The fraction grammar: a number in [0, 1] or a percentage. */
export const FRACTION_PATTERN = new RegExp(`^${NUMBER} ?(%)?$`);
/** The bandwidth grammar: a size per time unit. */
export const BANDWIDTH_PATTERN = new RegExp(`^${NUMBER} ?${SIZE_UNIT} ?/ ?${PER_UNIT}$`);

function fail(expected: string, input: unknown): never {
  throw new UnitError(expected, input);
}

/** Whole, non-negative µs for `"250ms"`, `"1.5s"`, `"90d"`, `"0"` (rounded to the nearest µs). */
export function parseDuration(text: string): Micros {
  const match = typeof text === "string" ? DURATION_PATTERN.exec(text) : null;
  if (!match) fail(DURATION_EXPECTED, text);
  if (text === "0") return 0;
  let sum = 0;
  for (const [, n, unit] of text.matchAll(DURATION_PART)) sum += Number(n) * DURATION_UNITS[unit];
  const micros = Math.round(sum);
  if (!Number.isSafeInteger(micros)) fail(DURATION_EXPECTED, text);
  return micros;
}

/** Whole bytes for `"4KiB"`, `"4kB"` (4000), `"1.5MB"`, `"512B"` or a plain whole number of bytes. */
export function parseSize(text: string | number): number {
  let bytes: number | undefined = typeof text === "number" ? text : undefined;
  const match = typeof text === "string" ? SIZE_PATTERN.exec(text) : null;
  // A bare count of bytes must be whole; scaled units round (1.5KiB is 1536, 1.0001KB is 1000).
  if (match) {
    const unit = SIZE_UNITS[match[2] ?? "B"];
    bytes = unit === 1 ? Number(match[1]) : Math.round(Number(match[1]) * unit);
  }
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < 0) fail(SIZE_EXPECTED, text);
  return bytes;
}

/** Events per second for `20000`, `"20000/s"`, `"100/min"`, `"5/h"`, `"2/d"`, `"3/y"`. */
export function parseRate(text: string | number): number {
  let rate: number | undefined = typeof text === "number" ? text : undefined;
  const match = typeof text === "string" ? RATE_PATTERN.exec(text) : null;
  if (match) rate = Number(match[1]) / PER_UNITS[match[2] ?? "s"];
  if (rate === undefined || !Number.isFinite(rate) || rate < 0) fail(RATE_EXPECTED, text);
  return rate;
}

/** A number in [0, 1] for `0.001`, `"0.001"`, `"0.1%"`, `"99.9%"`. */
export function parseFraction(text: string | number): number {
  let fraction: number | undefined = typeof text === "number" ? text : undefined;
  const match = typeof text === "string" ? FRACTION_PATTERN.exec(text) : null;
  // "99.9e-2" rather than 99.9 / 100, which is 0.9990000000000001.
  if (match) fraction = Number(match[2] ? `${match[1]}e-2` : match[1]);
  if (fraction === undefined || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    fail(FRACTION_EXPECTED, text);
  }
  return fraction;
}

/** Bytes per second for `"200MiB/s"`, `"1GB/s"`, `"10GiB/h"` (may be fractional). */
export function parseBandwidth(text: string): number {
  const match = typeof text === "string" ? BANDWIDTH_PATTERN.exec(text) : null;
  if (!match) fail(BANDWIDTH_EXPECTED, text);
  const rate = (Number(match[1]) * SIZE_UNITS[match[2]]) / PER_UNITS[match[3]];
  if (!Number.isFinite(rate)) fail(BANDWIDTH_EXPECTED, text);
  return rate;
}

/** Largest unit first; `formatDuration` picks the first that shows the value in ≤ 3 decimals. */
const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ["y", Y], ["w", W], ["d", D], ["h", H], ["m", MIN], ["s", S], ["ms", MS], ["us", US],
];

/**
 * Shortest exact text for a whole number of µs, e.g. `"250ms"`, `"1.5s"`, `"30m"`, `"2h"`;
 * `parseDuration(formatDuration(t)) === t` for every whole t.
 */
export function formatDuration(micros: Micros): string {
  if (!Number.isFinite(micros)) return String(micros);
  if (micros < 0) return `-${formatDuration(-micros)}`;
  if (micros === 0) return "0";
  const whole = Math.round(micros);
  for (const [name, size] of FORMAT_UNITS) {
    // Exact in at most three decimals: a whole multiple of a thousandth of the unit.
    if (whole >= size && (size < 1000 || whole % (size / 1000) === 0)) {
      return `${whole / size}${name}`;
    }
  }
  return `${whole}us`;
}

/** Binary units tried first (whole multiples only), then SI ones (at most two decimals). */
const FORMAT_SIZE_UNITS: ReadonlyArray<readonly [string, number, number]> = [
  ["TiB", 2 ** 40, 0], ["GiB", 2 ** 30, 0], ["MiB", 2 ** 20, 0], ["KiB", 2 ** 10, 0],
  ["TB", 1e12, 2], ["GB", 1e9, 2], ["MB", 1e6, 2], ["kB", 1e3, 2],
];

/** A whole number of bytes as a size users write, e.g. `"64KiB"`, `"1.25GB"`, `"1448B"`; `parseSize` reads it back. */
export function formatSize(bytes: number): string {
  for (const [name, size, decimals] of FORMAT_SIZE_UNITS) {
    const scaled = bytes / size;
    if (scaled >= 1 && Number.isInteger(Number((scaled * 10 ** decimals).toFixed(6)))) return `${scaled}${name}`;
  }
  return `${bytes}B`;
}
