import type { ResultHeader } from "./run-scenario.js";
import type { PinSpec } from "../scenario/pin-schema.js";
import { judgeFigure, ruleFor, type FigurePin, type FigureRule } from "./figure-pin.js";
import { toleranceFloor, toleranceFor } from "./pin-tolerance.js";

export { flattenNumbers } from "./flatten-numbers.js";

/** The pin file format this version writes and reads; format 1 (one run's figures) is refused, named. */
export const PIN_FORMAT = 2;

/**
 * The default family-wise false-alarm rate of one scenario's pin comparison: the chance that a
 * run of an unchanged model flags any figure at all. Split over the figures compared (Bonferroni).
 */
export const DEFAULT_FALSE_ALARM_RATE = 0.001;

/** One run's pin (base or a variant): every figure of its outcome by path, and the engine fingerprint. */
export interface PinnedRun {
  /** The engine fingerprint of the pinned seed's own run (cluster runs), for `--exact`. */
  readonly fingerprint?: string;
  /** Outcome path → its pin, in the outcome's own order. Lists (episode lists) are left out. */
  readonly figures: Readonly<Record<string, FigurePin>>;
}

/** The provenance of a pin (a result header): an exact comparison needs all of it to match. */
export type PinHeader = ResultHeader;

/** A scenario's pinned outcome, as stored under `results/pinned/`. */
export interface PinnedOutcome {
  readonly format: typeof PIN_FORMAT;
  readonly header: PinHeader;
  /** Replications the spreads were estimated from (fleet scenarios: the scenario's own). */
  readonly replications: number;
  /** Run name (`base`, `variants.<name>`) → its pinned figures. */
  readonly runs: Readonly<Record<string, PinnedRun>>;
}

/** One run as it is now: its flattened outcome and fingerprint. */
export interface CurrentRun {
  readonly fingerprint?: string;
  readonly outcome: Readonly<Record<string, number>>;
}

/** One figure outside what was allowed. */
export interface PinMismatch {
  readonly run: string;
  readonly field: string;
  readonly actual: number | string | undefined;
  /** Exact comparison: the pinned seed's value; statistical: the pinned mean. */
  readonly pinned: number | string | undefined;
  /** Statistical comparison: the pin's spread, the allowed interval and how far out the value is. */
  readonly pin?: FigurePin;
  readonly rule?: FigureRule;
  readonly low?: number;
  readonly high?: number;
  readonly z?: number;
}

/** What comparing a run with its pin found. */
export type PinVerdict =
  | { readonly kind: "match"; readonly exact: boolean; readonly fields: number; readonly skipped: number; readonly perFigure: number }
  | { readonly kind: "moved"; readonly exact: boolean; readonly fields: number; readonly mismatches: readonly PinMismatch[]; readonly perFigure: number }
  /** The scenario itself changed since it was pinned: not a regression, the pin is stale. */
  | { readonly kind: "changed"; readonly pinnedHash: string; readonly hash: string };

/** Whether an exact comparison is possible: the same relisim, Node and seed as the pin. */
export function exactPossible(pinned: PinHeader, header: PinHeader): boolean {
  return pinned.relisim === header.relisim && pinned.node === header.node && pinned.seed === header.seed;
}

/**
 * Figures judged statistically, with duplicates counted once: two figures whose pins are equal
 * in mean, sd and pinned value are one quantity reported twice (a namespace's latency and the
 * op's when there is one namespace), so they are one comparison, not two, in the Bonferroni split.
 */
export function comparedFigureCount(pinned: PinnedOutcome, current: Readonly<Record<string, CurrentRun>>): number {
  const seen = new Set<string>();
  for (const [run, pin] of Object.entries(pinned.runs)) {
    if (!current[run]) continue;
    for (const [field, f] of Object.entries(pin.figures)) {
      if (ruleFor(field, f) === "extreme") continue;
      seen.add(`${run}\u0000${f.mean}\u0000${f.sd}\u0000${f.value}`);
    }
  }
  return seen.size;
}

/**
 * Compares the runs as they are now with a pin. Statistical (any seed): each figure must lie in
 * its prediction interval at the false-alarm rate `falseAlarmRate` split over the figures
 * compared. Exact (`exact`, only on the pinned seed with the same relisim and Node): every
 * figure and the engine fingerprint must equal the pinned seed's. Figures the pin lacks (new in
 * this version) are not compared; figures that are gone are mismatches. The scenario's
 * `pin.tolerance` widens a figure's interval to at least its tolerance, never narrows it.
 */
export function comparePinned(
  pinned: PinnedOutcome,
  header: PinHeader,
  current: Readonly<Record<string, CurrentRun>>,
  options: { exact?: boolean; falseAlarmRate?: number; tolerance?: PinSpec } = {},
): PinVerdict {
  if (pinned.header.hash !== header.hash) return { kind: "changed", pinnedHash: pinned.header.hash, hash: header.hash };
  const exact = options.exact === true;
  const m = Math.max(1, comparedFigureCount(pinned, current));
  const perFigure = (options.falseAlarmRate ?? DEFAULT_FALSE_ALARM_RATE) / m;
  const mismatches: PinMismatch[] = [];
  let fields = 0;
  let skipped = 0;
  for (const [run, pin] of Object.entries(pinned.runs)) {
    const now = current[run];
    // The test no longer runs it (its expectations stopped reading it): nothing to compare.
    if (!now) continue;
    if (exact && pin.fingerprint !== undefined && now.fingerprint !== pin.fingerprint) {
      mismatches.push({ run, field: "engine fingerprint", pinned: pin.fingerprint, actual: now.fingerprint });
    }
    for (const [field, f] of Object.entries(pin.figures)) {
      const actual = now.outcome[field];
      if (actual === undefined) {
        fields++;
        mismatches.push({ run, field, pinned: exact ? f.value : f.mean, actual: undefined });
        continue;
      }
      if (exact) {
        fields++;
        if (actual !== f.value) mismatches.push({ run, field, pinned: f.value, actual });
        continue;
      }
      const floor = options.tolerance ? toleranceFloor(f.mean, toleranceFor(field, options.tolerance)) : 0;
      const j = judgeFigure(field, f, actual, perFigure, floor);
      if (j.rule === "extreme") {
        skipped++;
        continue;
      }
      fields++;
      if (!j.ok) mismatches.push({ run, field, pinned: f.mean, actual, pin: f, rule: j.rule, low: j.low, high: j.high, z: j.z });
    }
  }
  if (mismatches.length === 0) return { kind: "match", exact, fields, skipped, perFigure };
  // The furthest out first: the likeliest cause leads the report.
  const far = (x: PinMismatch) => (x.z === undefined ? Infinity : Math.abs(x.z));
  mismatches.sort((a, b) => (far(a) !== far(b) ? (far(b) > far(a) ? 1 : -1) : a.run.localeCompare(b.run) || a.field.localeCompare(b.field)));
  return { kind: "moved", exact, fields, mismatches, perFigure };
}
