import type { ResultHeader } from "./run-scenario.js";
import type { PinSpec, PinTolerance } from "../scenario/pin-schema.js";

/** What a run's outcome is pinned as: every number in it by path, and the engine's fingerprint. */
export interface PinnedRun {
  /** The engine fingerprint (cluster runs): equal fingerprints mean the same events fired. */
  readonly fingerprint?: string;
  /** Outcome path → number, in the outcome's own order. Lists (episode lists) are left out. */
  readonly outcome: Readonly<Record<string, number>>;
}

/** The provenance of a pin (a result header): an exact comparison needs all of it to match. */
export type PinHeader = ResultHeader;

/** A scenario's pinned outcome, as stored under `results/pinned/`. */
export interface PinnedOutcome {
  readonly header: PinHeader;
  /** Run name (`base`, `variants.<name>`) → its pinned figures. */
  readonly runs: Readonly<Record<string, PinnedRun>>;
}

/** One pinned figure that moved further than allowed. */
export interface PinMismatch {
  readonly run: string;
  readonly field: string;
  readonly pinned: number | string | undefined;
  readonly actual: number | string | undefined;
  /** What was allowed: "exact", or the tolerance that applied. */
  readonly allowed: string;
}

/** What comparing a run with its pin found. */
export type PinVerdict =
  | { readonly kind: "match"; readonly exact: boolean; readonly fields: number }
  | { readonly kind: "moved"; readonly exact: boolean; readonly mismatches: readonly PinMismatch[] }
  /** The scenario itself changed since it was pinned: not a regression, the pin is stale. */
  | { readonly kind: "changed"; readonly pinnedHash: string; readonly hash: string }
  /** The pin is for another seed: nothing to compare. */
  | { readonly kind: "otherSeed"; readonly pinnedSeed: number };

/** Across relisim versions, a figure may move 5% unless the scenario says otherwise. */
export const DEFAULT_PIN_TOLERANCE: PinTolerance = { relative: 0.05 };

/** Every finite number in `value` by dotted path; arrays are skipped (their length varies). */
export function flattenNumbers(value: unknown, prefix = "", into: Record<string, number> = {}): Record<string, number> {
  if (typeof value === "number") {
    if (Number.isFinite(value)) into[prefix] = value;
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

export function pinRun(outcome: unknown, fingerprint?: string): PinnedRun {
  return fingerprint === undefined ? { outcome: flattenNumbers(outcome) } : { fingerprint, outcome: flattenNumbers(outcome) };
}

/** A tolerance pattern as a test on paths: `*` stands for one whole segment. */
function patternMatches(pattern: string, path: string): boolean {
  const p = pattern.split(".");
  const s = path.split(".");
  return p.length === s.length && p.every((seg, i) => seg === "*" || seg === s[i]);
}

/** The tolerance for `path`: the matching pattern with the fewest wildcards, else the default. */
export function toleranceFor(path: string, spec: PinSpec): PinTolerance {
  let best: PinTolerance | undefined;
  let bestWild = Infinity;
  for (const [pattern, tolerance] of Object.entries(spec.tolerance)) {
    if (!patternMatches(pattern, path)) continue;
    const wild = pattern.split(".").filter((seg) => seg === "*").length;
    if (wild < bestWild) {
      best = tolerance;
      bestWild = wild;
    }
  }
  return best ?? DEFAULT_PIN_TOLERANCE;
}

export function describeTolerance(t: PinTolerance): string {
  const parts: string[] = [];
  if (t.relative !== undefined) parts.push(`±${Number((t.relative * 100).toPrecision(3))}%`);
  if (t.absolute !== undefined) parts.push(`±${t.absolute}`);
  return parts.join(" or ");
}

export function withinTolerance(pinned: number, actual: number, t: PinTolerance): boolean {
  const allowed = Math.max(t.absolute ?? 0, (t.relative ?? 0) * Math.abs(pinned));
  // A hair of slack so that a tolerance of exactly the difference passes despite rounding.
  return Math.abs(actual - pinned) <= allowed * (1 + 1e-12);
}

/**
 * Compares `current` runs with a pin. The comparison is exact (every figure and the engine
 * fingerprint equal) when relisim, Node and the seed are the same as when pinned, since then
 * the simulation is byte-for-byte reproducible; across versions each figure gets its tolerance.
 * Figures the pin lacks (new in this version) are not compared; figures that are gone are.
 */
export function comparePinned(
  pinned: PinnedOutcome,
  header: PinHeader,
  current: Readonly<Record<string, PinnedRun>>,
  spec: PinSpec,
): PinVerdict {
  if (pinned.header.hash !== header.hash) return { kind: "changed", pinnedHash: pinned.header.hash, hash: header.hash };
  if (pinned.header.seed !== header.seed) return { kind: "otherSeed", pinnedSeed: pinned.header.seed };
  const exact = pinned.header.relisim === header.relisim && pinned.header.node === header.node;
  const mismatches: PinMismatch[] = [];
  let fields = 0;
  for (const [run, pin] of Object.entries(pinned.runs)) {
    const now = current[run];
    if (!now) {
      // The test no longer runs it (its expectations stopped reading it): nothing to compare.
      continue;
    }
    if (exact && pin.fingerprint !== undefined && now.fingerprint !== pin.fingerprint) {
      mismatches.push({ run, field: "engine fingerprint", pinned: pin.fingerprint, actual: now.fingerprint, allowed: "exact" });
    }
    for (const [field, value] of Object.entries(pin.outcome)) {
      fields++;
      const actual = now.outcome[field];
      if (actual === undefined) {
        mismatches.push({ run, field, pinned: value, actual: undefined, allowed: "present" });
        continue;
      }
      const tolerance = toleranceFor(field, spec);
      const ok = exact ? actual === value : withinTolerance(value, actual, tolerance);
      if (!ok) mismatches.push({ run, field, pinned: value, actual, allowed: exact ? "exact" : describeTolerance(tolerance) });
    }
  }
  return mismatches.length === 0 ? { kind: "match", exact, fields } : { kind: "moved", exact, mismatches };
}
