import type { RunOutcome } from "./outcome/run-outcome.js";
import type { Scenario, ScenarioVariant } from "../scenario/load-scenario.js";
import { simulate, type SimulationResult } from "./simulate.js";
import { RELISIM_VERSION } from "./version.js";
import { extensionModules } from "./extension-modules.js";

/** What makes a result reproducible: enough to rerun it and get the same bytes. */
export interface ResultHeader {
  readonly relisim: string;
  readonly node: string;
  readonly scenario: string;
  readonly file: string;
  readonly hash: string;
  readonly seed: number;
  /** The modules of the program's extensions the run imported (`--extensions`); absent: none. */
  readonly extensions?: readonly string[];
}

/** One simulated variant of a scenario. */
export interface VariantRun {
  readonly name: string;
  readonly simulation: SimulationResult;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Refuse runs that would fire more events than this (each variant separately). */
  readonly maxEvents?: number;
  /** Told before each variant starts, e.g. to print progress. */
  readonly onVariant?: (name: string) => void;
  /** Told as each window of a variant's run closes (see SimulateOptions.onProgress). */
  readonly onProgress?: (simulatedUs: number, durationUs: number, requests: number) => void;
}

/** The header of every result file: what produced it (any kind of scenario) and on which seed. */
export function resultHeader(scenario: Pick<Scenario, "name" | "file" | "hash">, seed: number): ResultHeader {
  return {
    relisim: RELISIM_VERSION,
    node: process.version,
    scenario: scenario.name,
    file: scenario.file,
    hash: scenario.hash,
    seed,
    ...(extensionModules().length > 0 ? { extensions: [...extensionModules()] } : {}),
  };
}

/** Runs `variants` of `scenario` one after another, all on the same seed (common random numbers). */
export function runVariants(scenario: Scenario, variants: readonly ScenarioVariant[], options: RunOptions = {}): VariantRun[] {
  const seed = options.seed ?? scenario.seed;
  return variants.map((variant) => {
    options.onVariant?.(variant.name);
    return { name: variant.name, simulation: simulate(variant.config, seed, { maxEvents: options.maxEvents, onProgress: options.onProgress }) };
  });
}

/** The object expectations are evaluated against: the base outcome plus `variants.<name>`. */
export function expectationSubject(base: RunOutcome | undefined, variants: readonly VariantRun[]): unknown {
  const byName: Record<string, RunOutcome> = {};
  for (const v of variants) byName[v.name] = v.simulation.outcome;
  return { ...(base ?? {}), variants: byName };
}
