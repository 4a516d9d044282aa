import { readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { checkAnyScenario } from "../experiment/check-any-scenario.js";
import { comparePinFile, DEFAULT_PIN_REPLICATIONS, pinnedFigureCount, pinSubject, repinScenario } from "../experiment/pin-check.js";
import { rerecordCase } from "./pin-rerecord.js";
import { defaultWorkers } from "../experiment/worker-pool.js";
import { writeResultFiles } from "../experiment/result-files.js";
import { junitXml, type JunitCase, type JunitSuite } from "../report/junit.js";
import { loadAnyScenario } from "../scenario/load-any-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { pinCase } from "./pin-report.js";
import { testInParallel } from "./parallel-test.js";
import { say } from "./printable.js";
import type { TestFlags } from "./test-flags.js";
import type { TestTally } from "./test-tally.js";
import { noteScenario } from "./run-context.js";

export type { TestTally };
export type { TestFlags };

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


/** Where a scenario's lines go: its checks (stdout) and progress (stderr); a worker collects them. */
export interface TestOutput {
  readonly out: (line: string) => void;
  readonly say: (line: string) => void;
}

const TERMINAL: TestOutput = { out: (line) => process.stdout.write(`${line}\n`), say };

/** Runs one scenario file's expectations and pin, printing each check; adds to `tally`. */
export async function testScenario(file: string, tally: TestTally, options: TestFlags, io: TestOutput = TERMINAL): Promise<JunitSuite> {
  const out = io.out;
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  let check;
  let scenario;
  try {
    scenario = loadAnyScenario(file);
    noteScenario(scenario, options.seed);
    if (scenario.expectations.length === 0) {
      if (!options.quiet) out(`${file}: no expectations, skipped`);
      return { name: file, timeS: elapsed(), cases: [{ name: "expectations", skipped: "no expectations" }] };
    }
    check = checkAnyScenario(scenario, options);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    out(error.format());
    tally.failed++;
    tally.invalid++;
    return { name: file, timeS: elapsed(), cases: [], error: error.format() };
  }
  const { seed, checks, missingVariants } = check;
  const cases: JunitCase[] = [];
  if (!options.quiet) out(`${file} (seed ${seed})`);
  let headed = !options.quiet;
  const miss = (lines: string[]) => {
    if (!headed) out(`${file} (seed ${seed})`);
    headed = true;
    for (const line of lines) out(line);
  };
  for (const { text, result, variant } of checks) {
    if (result.passed) {
      tally.passed++;
      cases.push({ name: text });
      if (!options.quiet) out(`  ✓ ${result.detail}`);
      continue;
    }
    tally.failed++;
    const lines = [`  ✗ ${result.detail}`];
    if (variant && missingVariants.includes(variant)) lines.push(`    the file declares no variant "${variant}"`);
    lines.push(`    rerun: relisim run ${file}${variant ? ` --variant ${variant}` : ""} --seed ${seed}`);
    miss(lines);
    cases.push({ name: text, failure: { message: result.detail, detail: lines.join("\n") } });
  }

  // The pinned outcome: recorded with --update, compared otherwise.
  const subject = pinSubject(file, scenario, check, options.pins);
  if (options.update && options.exact) {
    cases.push(rerecordCase(file, subject, scenario.pin, options, { tally, miss, out }));
  } else if (options.update) {
    const replications = options.replications ?? DEFAULT_PIN_REPLICATIONS;
    if (!options.quiet && "runs" in check) io.say(`  pinning: ${check.runs.length} run(s) × ${replications} replications…`);
    const pin = await repinScenario(scenario, check, subject, { replications, workers: options.workers ?? defaultWorkers() });
    const runs = Object.keys(pin.runs).join(", ");
    if (!options.quiet) out(`  ↻ pinned ${pinnedFigureCount(pin)} figures of ${runs} over ${pin.replications} replications → ${subject.pinFile}`);
    cases.push({ name: "pinned outcome", skipped: `re-pinned to ${subject.pinFile}` });
  } else {
    const comparison = comparePinFile(file, subject, { exact: options.exact, falseAlarmRate: options.falseAlarmRate, tolerance: scenario.pin });
    cases.push(pinCase(file, subject, comparison, options, { tally, miss, out }));
  }
  return { name: file, timeS: elapsed(), cases };
}

/** `relisim test`: every scenario's expectations and pins; the last line is `N passed, N failed`. */
export async function testCommand(paths: string[], flags: TestFlags): Promise<void> {
  const tally: TestTally = { passed: 0, failed: 0, invalid: 0 };
  const files = scenarioFiles(paths);
  // Pinning anew has its own pool of workers for the replications: scenarios one at a time then.
  const jobs = flags.update ? 1 : Math.min(flags.jobs ?? defaultWorkers(), files.length);
  let suites: JunitSuite[];
  if (jobs <= 1) {
    suites = [];
    for (const file of files) suites.push(await testScenario(file, tally, flags));
  } else {
    if (!flags.quiet) say(`testing ${files.length} scenarios, ${jobs} at a time; each is printed as it finishes`);
    suites = await testInParallel(files, flags, jobs, tally);
  }
  if (flags.junit) {
    writeResultFiles(dirname(flags.junit) || ".", { [basename(flags.junit)]: junitXml(suites) });
    if (!flags.quiet) say(`wrote ${flags.junit}`);
  }
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  // A miss is exit 1; a scenario that is not even valid is bad input: exit 2.
  if (tally.invalid > 0) process.exitCode = 2;
  else if (tally.failed > 0) process.exitCode = 1;
}
