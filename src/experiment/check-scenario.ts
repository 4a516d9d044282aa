import { evaluateExpectation, expectationPaths, parseExpectation, type ExpectationResult } from "../scenario/expectation.js";
import type { Scenario, ScenarioVariant } from "../scenario/load-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { expectationPathProblems } from "./expectation-paths.js";
import { expectationSubject, runVariants, type VariantRun } from "./run-scenario.js";

/** One expectation checked: its result, and the variant to rerun when it reads one. */
export interface Check {
  readonly text: string;
  readonly result: ExpectationResult;
  readonly variant?: string;
}

export interface ScenarioCheck {
  readonly seed: number;
  readonly checks: readonly Check[];
  readonly runs: readonly VariantRun[];
  /** Variants the expectations read that the file does not declare. */
  readonly missingVariants: readonly string[];
}

/** Which runs the expectations read: the base (paths outside `variants.`) and named variants. */
export function neededRuns(expectations: readonly string[]): { base: boolean; variants: string[] } {
  const variants = new Set<string>();
  let base = false;
  for (const text of expectations) {
    for (const path of expectationPaths(parseExpectation(text))) {
      const m = /^variants\.([^.]+)/.exec(path);
      if (m) variants.add(m[1]);
      else base = true;
    }
  }
  return { base, variants: [...variants] };
}

/**
 * Runs what a scenario's expectations need (base and/or variants, one seed) and checks them.
 * Throws ScenarioError, before running anything, when an expectation reads a field no outcome has.
 */
export function checkScenario(scenario: Scenario, options: { seed?: number } = {}): ScenarioCheck {
  const pathProblems = expectationPathProblems(scenario);
  if (pathProblems.length > 0) {
    throw new ScenarioError(scenario.file, pathProblems.map((p) => ({ ...p, ...scenario.locate(p.path) })));
  }
  const seed = options.seed ?? scenario.seed;
  const need = neededRuns(scenario.expectations);
  const toRun: ScenarioVariant[] = need.base ? [scenario.base] : [];
  const missingVariants: string[] = [];
  for (const name of need.variants) {
    const v = scenario.variants.find((x) => x.name === name);
    if (v) toRun.push(v);
    else missingVariants.push(name);
  }
  const runs = runVariants(scenario, toRun, { seed });
  const variantRuns = need.base ? runs.slice(1) : runs;
  const subject = expectationSubject(need.base ? runs[0].simulation.outcome : undefined, variantRuns);
  return { seed, checks: evaluateChecks(scenario.expectations, subject), runs, missingVariants };
}

/** Evaluates each expectation against `subject`, noting the variant it reads (for the rerun hint). */
export function evaluateChecks(expectations: readonly string[], subject: unknown): Check[] {
  return expectations.map((text) => ({
    text,
    result: evaluateExpectation(parseExpectation(text), subject),
    variant: /^\s*variants\.([^.\s]+)/.exec(text)?.[1],
  }));
}
