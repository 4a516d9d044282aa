/**
 * A scenario's pinned outcome, checked or recorded: `relisim test` compares each checked
 * scenario's runs with its pin file, or with `--update` pins them anew. What is said about it
 * (lines, tallies, JUnit cases) is the command's business; this says what was found.
 */
import { isFleetScenario, type AnyScenario } from "../scenario/load-any-scenario.js";
import type { PinSpec } from "../scenario/pin-schema.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import type { AnyScenarioCheck } from "./check-any-scenario.js";
import { currentClusterRuns, currentFleetRuns, pinClusterRuns, pinFleetRuns } from "./pin-runs.js";
import { DEFAULT_PIN_DIR, pinPath, readPin, writePin } from "./pin-store.js";
import {
  comparePinned,
  DEFAULT_FALSE_ALARM_RATE,
  exactPossible,
  PIN_FORMAT,
  type CurrentRun,
  type PinHeader,
  type PinnedOutcome,
  type PinnedRun,
  type PinVerdict,
} from "./pinned-outcome.js";
import type { FigurePin } from "./figure-pin.js";
import { resultHeader } from "./run-scenario.js";

/** Replications per run when pinning, unless `--replications` says otherwise: see README "pin". */
export const DEFAULT_PIN_REPLICATIONS = 20;

/** A checked scenario as its pin sees it: where the pin lives, the provenance now, and each run's figures now. */
export interface PinSubject {
  readonly pinFile: string;
  readonly header: PinHeader;
  readonly current: Readonly<Record<string, CurrentRun>>;
}

/** The pin file of `file` under `pinDir` and the checked runs as they are now. */
export function pinSubject(file: string, scenario: AnyScenario, check: AnyScenarioCheck, pinDir = DEFAULT_PIN_DIR): PinSubject {
  const current = "runs" in check ? currentClusterRuns(check) : currentFleetRuns(check.estimates);
  return { pinFile: pinPath(pinDir, file), header: resultHeader(scenario, check.seed), current };
}

/** What comparing with the pin file found: nothing to compare with, a bad file, or a verdict. */
export type PinComparison =
  | { readonly kind: "absent" }
  | { readonly kind: "unreadable"; readonly error: ScenarioError }
  | {
      readonly kind: "compared";
      readonly pinned: PinnedOutcome;
      readonly verdict: PinVerdict;
      readonly falseAlarmRate: number;
      /** `exact` was asked for, but the pin's seed, relisim or Node differ: compared statistically instead. */
      readonly exactRefused: boolean;
    };

export interface PinCompareOptions {
  /** Compare every figure and the engine fingerprint exactly, where the pin allows it. */
  readonly exact?: boolean;
  /** The family-wise false-alarm rate of the statistical comparison (default 0.001). */
  readonly falseAlarmRate?: number;
  /** The scenario's `pin:` block: per-figure tolerances. */
  readonly tolerance?: PinSpec;
}

/** Reads `subject`'s pin file (if any) and compares the runs with it; `file` names the scenario in a bad pin's message. */
export function comparePinFile(file: string, subject: PinSubject, options: PinCompareOptions = {}): PinComparison {
  let pinned: PinnedOutcome | undefined;
  try {
    pinned = readPin(subject.pinFile, file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { kind: "unreadable", error };
  }
  if (!pinned) return { kind: "absent" };
  // Bit for bit only means something on the pin's own seed, relisim and Node.
  const exactRefused = options.exact === true && !exactPossible(pinned.header, subject.header);
  const exact = options.exact === true && !exactRefused;
  const falseAlarmRate = options.falseAlarmRate ?? DEFAULT_FALSE_ALARM_RATE;
  const verdict = comparePinned(pinned, subject.header, subject.current, { exact, falseAlarmRate, tolerance: options.tolerance });
  return { kind: "compared", pinned, verdict, falseAlarmRate, exactRefused };
}

export interface RepinPlan {
  /** Replications per cluster run, its own run included (fleet scenarios use their own). */
  readonly replications: number;
  readonly workers: number;
}

/**
 * Pins a checked scenario anew and writes its pin file: a cluster scenario's runs over
 * `replications` (on the worker pool), a fleet scenario's estimates as they are.
 */
export async function repinScenario(scenario: AnyScenario, check: AnyScenarioCheck, subject: PinSubject, plan: RepinPlan): Promise<PinnedOutcome> {
  let pin: PinnedOutcome;
  if ("runs" in check) {
    if (isFleetScenario(scenario)) throw new Error("a cluster check of a fleet scenario");
    const runs = await pinClusterRuns(scenario, check, plan);
    pin = { format: PIN_FORMAT, header: subject.header, replications: plan.replications, runs };
  } else {
    if (!isFleetScenario(scenario)) throw new Error("a fleet check of a cluster scenario");
    pin = { format: PIN_FORMAT, header: subject.header, replications: scenario.replications, runs: pinFleetRuns(check.estimates) };
  }
  writePin(subject.pinFile, pin);
  return pin;
}

/** How many figures a pin holds, over all its runs. */
export function pinnedFigureCount(pin: PinnedOutcome): number {
  return Object.values(pin.runs).reduce((n, r) => n + Object.keys(r.figures).length, 0);
}

/**
 * `pinned` with what `--exact` compares taken from the runs as they are now: each figure's pinned
 * seed's value, each run's engine fingerprint, and the header (relisim and Node); the means and
 * spreads stay. Only for runs the statistical comparison accepted: a change of draws that keeps
 * every distribution (a faster generator, another Node), not a change of behaviour.
 */
export function rerecordExact(pinned: PinnedOutcome, subject: PinSubject): PinnedOutcome {
  const runs: Record<string, PinnedRun> = {};
  for (const [name, run] of Object.entries(pinned.runs)) {
    const now = subject.current[name];
    if (!now) {
      runs[name] = run;
      continue;
    }
    const figures: Record<string, FigurePin> = {};
    for (const [path, f] of Object.entries(run.figures)) figures[path] = { ...f, value: now.outcome[path] ?? f.value };
    runs[name] = { ...(now.fingerprint !== undefined ? { fingerprint: now.fingerprint } : {}), figures };
  }
  return { ...pinned, header: subject.header, runs };
}

/** Writes a pin file (as `repinScenario` does). */
export function writePinFile(subject: PinSubject, pin: PinnedOutcome): void {
  writePin(subject.pinFile, pin);
}
