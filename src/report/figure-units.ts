import type { FigureUnit } from "../experiment/figure-names.js";
import { formatCount, formatMs, formatNumber, formatSeconds, formatShare } from "./format.js";

export type { FigureUnit };

/**
 * How a unit of experiment/figure-names.ts is written: a value as a single run writes it, and a
 * difference between two values (signed, shares in percentage points).
 */
interface UnitFormat {
  /** Below this magnitude a value is arithmetic noise (a mean of floats that should be 0), written as 0. */
  readonly resolution: number;
  readonly value: (x: number) => string;
  /** The magnitude of a difference, without its sign. */
  readonly difference: (x: number) => string;
}

/** Counts (or their means) to 3 significant digits, whole from 1,000 up: "2.33", "1,283". */
const count = (x: number) => (x >= 1000 ? formatCount(x) : formatNumber(x, 3));

const UNITS: Readonly<Record<FigureUnit, UnitFormat>> = {
  count: { resolution: 1e-9, value: count, difference: count },
  rate: { resolution: 1e-9, value: (x) => formatNumber(x, 3), difference: (x) => formatNumber(x, 3) },
  // No run has 10^12 requests: a share below 1e-12 cannot be told from 0.
  share: { resolution: 1e-12, value: formatShare, difference: (x) => `${formatNumber(x * 100, 3)} pp` },
  // The clock ticks in microseconds: less than a tick is noise.
  seconds: { resolution: 1e-6, value: formatSeconds, difference: formatSeconds },
  hours: { resolution: 1e-6 / 3600, value: (h) => formatSeconds(h * 3600), difference: (h) => formatSeconds(h * 3600) },
  ms: { resolution: 1e-3, value: formatMs, difference: formatMs },
  number: { resolution: 1e-12, value: (x) => formatNumber(x, 4), difference: (x) => formatNumber(x, 4) },
};

const MINUS = "\u2212";

/** `x` with noise below the unit's resolution (e.g. 9.11e-16 for a share) made exactly 0. */
export function snap(unit: FigureUnit, x: number): number {
  return Math.abs(x) < UNITS[unit].resolution ? 0 : x;
}

/** A value in its unit as a single run writes it: "98.7%", "1m 25s", "2.61"; NaN (no value) as "—". */
export function formatValue(unit: FigureUnit, x: number): string {
  if (Number.isNaN(x)) return "—";
  const v = snap(unit, x);
  if (v < 0) return `${MINUS}${UNITS[unit].value(-v)}`;
  return UNITS[unit].value(v);
}

/** A difference in its unit, signed: "+1.5 pp", "−3m 20s", "0"; NaN as "—". */
export function formatDifference(unit: FigureUnit, x: number): string {
  if (Number.isNaN(x)) return "—";
  const v = snap(unit, x);
  if (v === 0) return "0";
  return `${v < 0 ? MINUS : "+"}${UNITS[unit].difference(Math.abs(v))}`;
}

/** Whether an interval, read at the unit's resolution, lies wholly on one side of 0. */
export function excludesZero(unit: FigureUnit, low: number, high: number): boolean {
  return snap(unit, low) > 0 || snap(unit, high) < 0;
}
