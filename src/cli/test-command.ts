import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { expectationSubject, runVariants } from "../experiment/run-scenario.js";
import { evaluateExpectation, expectationPaths, parseExpectation } from "../scenario/expectation.js";
import { loadScenario, type ScenarioVariant } from "../scenario/load-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";

const SCENARIO_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Scenario files named directly or found (not recursively) in the directories named, sorted. */
export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new ScenarioError(path, [{ path: [], message: `cannot read "${path}": no such file or directory` }]);
    }
    if (!isDir) files.push(path);
    else {
      for (const name of readdirSync(path).sort()) if (SCENARIO_EXTENSIONS.has(extname(name))) files.push(join(path, name));
    }
  }
  return files;
}

/** Which runs the expectations read: the base (paths outside `variants.`) and named variants. */
function neededRuns(expectations: readonly string[]): { base: boolean; variants: Set<string> } {
  const variants = new Set<string>();
  let base = false;
  for (const text of expectations) {
    for (const path of expectationPaths(parseExpectation(text))) {
      const m = /^variants\.([^.]+)/.exec(path);
      if (m) variants.add(m[1]);
      else base = true;
    }
  }
  return { base, variants };
}

export interface TestTally {
  passed: number;
  failed: number;
}

/** Runs one scenario file's expectations, printing each check; adds to `tally`. */
export function testScenario(file: string, tally: TestTally, options: { seed?: number; quiet?: boolean }): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let scenario;
  try {
    scenario = loadScenario(file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    out(error.format());
    tally.failed++;
    return;
  }
  if (scenario.expectations.length === 0) {
    if (!options.quiet) out(`${file}: no expectations, skipped`);
    return;
  }
  const seed = options.seed ?? scenario.seed;
  const need = neededRuns(scenario.expectations);
  const runs: ScenarioVariant[] = [];
  const missing: string[] = [];
  if (need.base) runs.push(scenario.base);
  for (const name of need.variants) {
    const v = scenario.variants.find((x) => x.name === name);
    if (v) runs.push(v);
    else missing.push(name);
  }
  const results = runVariants(scenario, runs, { seed });
  const base = need.base ? results.shift()!.simulation.outcome : undefined;
  const subject = expectationSubject(base, results);
  if (!options.quiet) out(`${file} (seed ${seed})`);
  for (const text of scenario.expectations) {
    const result = evaluateExpectation(parseExpectation(text), subject);
    if (result.passed) {
      tally.passed++;
      if (!options.quiet) out(`  ✓ ${result.detail}`);
      continue;
    }
    tally.failed++;
    if (options.quiet) out(`${file} (seed ${seed})`);
    out(`  ✗ ${result.detail}`);
    const variant = /^variants\.([^.]+)/.exec(text.trim())?.[1];
    if (variant && missing.includes(variant)) out(`    the file declares no variant "${variant}"`);
    out(`    rerun: relisim run ${file}${variant ? ` --variant ${variant}` : ""} --seed ${seed}`);
  }
}

/** `relisim test`: every scenario's expectations; the last line is `N passed, N failed`. */
export function testCommand(paths: string[], flags: { seed?: number; quiet?: boolean }): void {
  const tally: TestTally = { passed: 0, failed: 0 };
  for (const file of scenarioFiles(paths)) testScenario(file, tally, flags);
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  if (tally.failed > 0) process.exitCode = 1;
}
