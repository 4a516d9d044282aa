import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { checkScenario } from "../experiment/check-scenario.js";
import { checkFleetScenario } from "../experiment/check-fleet-scenario.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
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

export interface TestTally {
  passed: number;
  failed: number;
  /** Scenario files that could not be loaded or whose expectations read unknown fields. */
  invalid: number;
}

/** Runs one scenario file's expectations, printing each check; adds to `tally`. */
export function testScenario(file: string, tally: TestTally, options: { seed?: number; quiet?: boolean }): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let check;
  try {
    const scenario = loadAnyScenario(file);
    if (scenario.expectations.length === 0) {
      if (!options.quiet) out(`${file}: no expectations, skipped`);
      return;
    }
    check = isFleetScenario(scenario) ? checkFleetScenario(scenario, options) : checkScenario(scenario, options);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    out(error.format());
    tally.failed++;
    tally.invalid++;
    return;
  }
  const { seed, checks, missingVariants } = check;
  if (!options.quiet) out(`${file} (seed ${seed})`);
  let headed = !options.quiet;
  for (const { result, variant } of checks) {
    if (result.passed) {
      tally.passed++;
      if (!options.quiet) out(`  ✓ ${result.detail}`);
      continue;
    }
    tally.failed++;
    if (!headed) out(`${file} (seed ${seed})`);
    headed = true;
    out(`  ✗ ${result.detail}`);
    if (variant && missingVariants.includes(variant)) out(`    the file declares no variant "${variant}"`);
    out(`    rerun: relisim run ${file}${variant ? ` --variant ${variant}` : ""} --seed ${seed}`);
  }
}

/** `relisim test`: every scenario's expectations; the last line is `N passed, N failed`. */
export function testCommand(paths: string[], flags: { seed?: number; quiet?: boolean }): void {
  const tally: TestTally = { passed: 0, failed: 0, invalid: 0 };
  for (const file of scenarioFiles(paths)) testScenario(file, tally, flags);
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  // A miss is exit 1; a scenario that is not even valid is bad input: exit 2.
  if (tally.invalid > 0) process.exitCode = 2;
  else if (tally.failed > 0) process.exitCode = 1;
}
