import { readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { checkScenario } from "../experiment/check-scenario.js";
import { checkFleetScenario } from "../experiment/check-fleet-scenario.js";
import { comparePinned, pinRun, type PinHeader, type PinMismatch, type PinnedRun, type PinVerdict } from "../experiment/pinned-outcome.js";
import { DEFAULT_PIN_DIR, pinPath, readPin, writePin } from "../experiment/pin-store.js";
import { resultHeader } from "../experiment/run-scenario.js";
import { writeResultFiles } from "../experiment/result-files.js";
import { RELISIM_VERSION } from "../experiment/version.js";
import { junitXml, type JunitCase, type JunitSuite } from "../report/junit.js";
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

export interface TestFlags {
  seed?: number;
  quiet?: boolean;
  /** Record each scenario's outcome as its new pin instead of comparing with the old one. */
  update?: boolean;
  /** Where pins live (default results/pinned). */
  pins?: string;
  /** Write JUnit XML here. */
  junit?: string;
}

/** The figures of each run a check made, by run name (`base`, `variants.<name>`). */
function pinnedRuns(check: ReturnType<typeof checkScenario> | ReturnType<typeof checkFleetScenario>): Record<string, PinnedRun> {
  const runs: Record<string, PinnedRun> = {};
  if ("runs" in check) {
    for (const r of check.runs) runs[r.name === "base" ? "base" : `variants.${r.name}`] = pinRun(r.simulation.outcome, r.simulation.engine.fingerprint);
  } else {
    for (const e of check.estimates) runs[e.name === "base" ? "base" : `variants.${e.name}`] = pinRun(e.estimate);
  }
  return runs;
}

const rerunCommand = (file: string, run: string, seed: number) =>
  `relisim run ${file}${run.startsWith("variants.") ? ` --variant ${run.slice("variants.".length)}` : ""} --seed ${seed}`;

function formatValue(v: number | string | undefined): string {
  if (v === undefined) return "(absent)";
  return typeof v === "number" ? String(Number(v.toPrecision(10))) : v;
}

function describeMismatch(m: PinMismatch): string {
  let change = "";
  if (typeof m.pinned === "number" && typeof m.actual === "number" && m.pinned !== 0) {
    const rel = (m.actual - m.pinned) / Math.abs(m.pinned);
    change = ` (${rel >= 0 ? "+" : ""}${Number((rel * 100).toPrecision(3))}%)`;
  }
  return `${m.run} · ${m.field}: pinned ${formatValue(m.pinned)}, now ${formatValue(m.actual)}${change}; allowed: ${m.allowed}`;
}

/** The report of pinned figures that moved: each field, pinned and new value, what was allowed, and what to run. */
export function movedLines(verdict: Extract<PinVerdict, { kind: "moved" }>, pinned: PinHeader, file: string, seed: number): string[] {
  const how = verdict.exact
    ? `exact comparison: same relisim ${pinned.relisim}, node and seed as the pin, so every figure must be equal`
    : `pinned by relisim ${pinned.relisim} on node ${pinned.node}, compared within tolerance`;
  const shown = verdict.mismatches.slice(0, 15);
  return [
    `  ✗ pinned outcome: ${verdict.mismatches.length} figure${verdict.mismatches.length === 1 ? "" : "s"} moved (${how})`,
    ...shown.map((m) => `      ${describeMismatch(m)}`),
    ...(verdict.mismatches.length > shown.length ? [`      … and ${verdict.mismatches.length - shown.length} more`] : []),
    `    rerun: ${rerunCommand(file, verdict.mismatches[0].run, seed)}`,
    `    if the change is intended, re-pin: relisim test --update ${file}`,
  ];
}

/** Runs one scenario file's expectations and pin, printing each check; adds to `tally`. */
export function testScenario(file: string, tally: TestTally, options: TestFlags): JunitSuite {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  let check;
  let scenario;
  try {
    scenario = loadAnyScenario(file);
    if (scenario.expectations.length === 0) {
      if (!options.quiet) out(`${file}: no expectations, skipped`);
      return { name: file, timeS: elapsed(), cases: [{ name: "expectations", skipped: "no expectations" }] };
    }
    check = isFleetScenario(scenario) ? checkFleetScenario(scenario, options) : checkScenario(scenario, options);
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
  const pinFile = pinPath(options.pins ?? DEFAULT_PIN_DIR, file);
  const header: PinHeader = resultHeader(scenario, seed);
  const current = pinnedRuns(check);
  const update = `relisim test --update ${file}`;
  if (options.update) {
    writePin(pinFile, { header, runs: current });
    const fields = Object.values(current).reduce((n, r) => n + Object.keys(r.outcome).length, 0);
    if (!options.quiet) out(`  ↻ pinned ${fields} figures of ${Object.keys(current).join(", ")} → ${pinFile}`);
    cases.push({ name: "pinned outcome", skipped: `re-pinned to ${pinFile}` });
  } else {
    let pinned;
    try {
      pinned = readPin(pinFile);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      miss([error.format()]);
      tally.failed++;
      tally.invalid++;
      cases.push({ name: "pinned outcome", failure: { message: "damaged pin file", detail: error.format() } });
      return { name: file, timeS: elapsed(), cases };
    }
    if (!pinned) {
      if (!options.quiet) out(`  · no pinned outcome at ${pinFile} (pin it: ${update})`);
      cases.push({ name: "pinned outcome", skipped: `no pin at ${pinFile}` });
    } else {
      const verdict = comparePinned(pinned, header, current, scenario.pin);
      if (verdict.kind === "match") {
        tally.passed++;
        cases.push({ name: "pinned outcome" });
        if (!options.quiet) {
          const how = verdict.exact ? `exactly, fingerprints equal (relisim ${RELISIM_VERSION}, node ${process.version})` : `within tolerance (pinned by relisim ${pinned.header.relisim}, node ${pinned.header.node})`;
          out(`  ✓ pinned outcome: ${verdict.fields} figures as pinned, ${how}`);
        }
      } else if (verdict.kind === "otherSeed") {
        if (!options.quiet) out(`  · pinned outcome is for seed ${verdict.pinnedSeed}, not compared on seed ${seed}`);
        cases.push({ name: "pinned outcome", skipped: `pinned for seed ${verdict.pinnedSeed}` });
      } else if (verdict.kind === "changed") {
        tally.failed++;
        const lines = [
          `  ✗ pinned outcome is stale: the scenario changed since it was pinned (hash ${verdict.pinnedHash} → ${verdict.hash}).`,
          `    This is not a regression; review the change and re-pin: ${update}`,
        ];
        miss(lines);
        cases.push({ name: "pinned outcome", failure: { message: "scenario changed since pinned", detail: lines.join("\n") } });
      } else {
        tally.failed++;
        const lines = movedLines(verdict, pinned.header, file, seed);
        miss(lines);
        cases.push({ name: "pinned outcome", failure: { message: lines[0].trim(), detail: lines.join("\n") } });
      }
    }
  }
  return { name: file, timeS: elapsed(), cases };
}

/** `relisim test`: every scenario's expectations and pins; the last line is `N passed, N failed`. */
export function testCommand(paths: string[], flags: TestFlags): void {
  const tally: TestTally = { passed: 0, failed: 0, invalid: 0 };
  const suites = scenarioFiles(paths).map((file) => testScenario(file, tally, flags));
  if (flags.junit) {
    writeResultFiles(dirname(flags.junit) || ".", { [basename(flags.junit)]: junitXml(suites) });
    if (!flags.quiet) process.stderr.write(`wrote ${flags.junit}\n`);
  }
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  // A miss is exit 1; a scenario that is not even valid is bad input: exit 2.
  if (tally.invalid > 0) process.exitCode = 2;
  else if (tally.failed > 0) process.exitCode = 1;
}
