import { defaultResultsDir } from "./results-dir.js";
import { join } from "node:path";
import { resultHeader, runVariants } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { episodesCsv, windowsCsv } from "../report/csv.js";
import { formatRateInterval } from "../report/answer-cells.js";
import { summaryTable } from "../report/summary-table.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import type { FleetScenario } from "../scenario/load-fleet-scenario.js";
import { runFleet } from "../experiment/fleet-experiment.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { formatCount } from "../report/format.js";
import { formatFigure, formatFigureInterval } from "../report/figure-labels.js";
import { progress } from "./progress.js";
import { runProgress } from "./progress-bar.js";
import { checkDeterminism } from "../experiment/determinism-check.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { runReplicated, wantsReplications, type ReplicationFlags } from "./replicated-runs.js";
import { noteScenario } from "./run-context.js";

export interface RunFlags extends ReplicationFlags {
  seed?: number;
  set: string[];
  json?: boolean;
  out?: string;
  maxEvents: number;
  quiet?: boolean;
  variant?: string;
  checkDeterminism?: boolean;
}

/** Fleet runs replicate in one thread, always to completion: refuse the flags they cannot honour. */
export function refuseFleetOnlyCluster(scenario: FleetScenario, flags: RunFlags): void {
  const refused = [flags.precision !== undefined && "--precision", flags.workers !== undefined && "--workers", flags.checkDeterminism && "--check-determinism"].filter(Boolean);
  if (refused.length > 0) {
    throw new ScenarioError(scenario.file, [{ path: [], message: `${refused.join(" and ")}: not for fleet scenarios with run/compare (use --replications, or sweep for --precision and --workers)` }]);
  }
}

/**
 * `relisim run`: one scenario (or one of its variants), summary on stdout, files on disk.
 * Returns the directory written (undefined when nothing was: a determinism check).
 */
export async function runCommand(file: string, flags: RunFlags): Promise<string | undefined> {
  const any = loadAnyScenario(file, { sets: flags.set });
  noteScenario(any, flags.seed);
  if (isFleetScenario(any)) {
    refuseFleetOnlyCluster(any, flags);
    return runFleetCommand(any, flags);
  }
  const scenario = any;
  let variant = scenario.base;
  if (flags.variant !== undefined) {
    const found = scenario.variants.find((v) => v.name === flags.variant);
    if (!found) {
      const names = scenario.variants.map((v) => v.name).join(", ") || "none";
      throw new ScenarioError(file, [{ path: ["variants"], message: `no variant "${flags.variant}" (the file has: ${names})` }]);
    }
    variant = found;
  }
  const dir = flags.out ?? defaultResultsDir(scenario.name, flags.variant);
  if (flags.checkDeterminism) {
    checkDeterminismCommand(scenario.name, variant.config, flags.seed ?? scenario.seed, flags);
    return undefined;
  }
  if (wantsReplications(flags)) {
    await runReplicated(scenario, [variant], flags, "replications.json", dir);
    return dir;
  }
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  say(`running ${scenario.name}${flags.variant ? ` [${flags.variant}]` : ""} (seed ${seed}) …`);
  const bar = runProgress(" ", flags.quiet || flags.json);
  let run;
  try {
    [run] = runVariants(scenario, [variant], { seed, maxEvents: flags.maxEvents, onProgress: (at, duration, requests) => bar.update(at, duration, requests) });
  } finally {
    bar.stop(); // also on a refused or failed run: the terminal gets its cursor back
  }
  const header = resultHeader(scenario, seed);
  const summary = { header: { ...header, variant: flags.variant ?? null }, outcome: run.simulation.outcome };
  const paths = writeResultFiles(dir, {
    "summary.json": toJson(summary),
    "windows.csv": windowsCsv(run.simulation),
    "episodes.csv": episodesCsv(run.simulation),
  });
  if (flags.json) {
    process.stdout.write(toJson(summary));
  } else {
    process.stdout.write(`${summaryTable(header, run.simulation, flags.variant)}\n`);
  }
  say(`wrote ${paths.join(", ")}`);
  return dir;
}

/** `relisim run --check-determinism`: the run twice, compared window by window; exit 1 when they differ. */
function checkDeterminismCommand(name: string, config: SimulationConfig, seed: number, flags: RunFlags): void {
  progress(flags.quiet || flags.json)(`running ${name}${flags.variant ? ` [${flags.variant}]` : ""} twice (seed ${seed}) …`);
  const report = checkDeterminism(config, seed, { maxEvents: flags.maxEvents });
  if (flags.json) process.stdout.write(toJson(report));
  else if (report.deterministic) {
    process.stdout.write(`deterministic: two runs of ${name} on seed ${seed} fired ${formatCount(report.events[0])} events each, the same fingerprint at every window (final ${report.fingerprints[0]})\n`);
  } else {
    const d = report.firstDifference!;
    process.stdout.write(
      `NOT deterministic: two runs of ${name} on seed ${seed} first differ between ${d.fromS} s and ${d.toS} s of simulated time (${d.what}); ` +
        `events ${formatCount(report.events[0])} vs ${formatCount(report.events[1])}, fingerprints ${report.fingerprints[0]} vs ${report.fingerprints[1]}\n`,
    );
  }
  if (!report.deterministic) process.exitCode = 1;
}

/** `relisim run` on a fleet scenario: its base (or a variant), replicated, with 95% intervals. */
function runFleetCommand(scenario: FleetScenario, flags: RunFlags): string {
  const variant = flags.variant === undefined ? scenario.base : scenario.variants.find((v) => v.name === flags.variant);
  if (!variant) {
    throw new ScenarioError(scenario.file, [{ path: ["variants"], message: `no variant "${flags.variant}"` }]);
  }
  const seed = flags.seed ?? scenario.seed;
  const replications = flags.replications ?? scenario.replications;
  progress(flags.quiet || flags.json)(`running fleet ${scenario.name}${flags.variant ? ` [${flags.variant}]` : ""} × ${replications} (seed ${seed}) …`);
  const outcome = runFleet(variant.config, seed, replications, flags.maxEvents);
  const header = { ...resultHeader(scenario, seed), variant: flags.variant ?? null };
  const summary = { header, outcome };
  const dir = flags.out ?? defaultResultsDir(scenario.name, flags.variant);
  writeResultFiles(dir, { "summary.json": toJson(summary) });
  if (flags.json) {
    process.stdout.write(toJson(summary));
    return dir;
  }
  // Each figure in its unit (figure-names.ts), as every other table writes it.
  const e = (figure: keyof typeof outcome & string) => {
    const x = outcome[figure] as { mean: number; ci95Low: number; ci95High: number };
    return `${formatFigure(figure, x.mean)} (95% CI ${formatFigureInterval(figure, x.ci95Low, x.ci95High)})`;
  };
  process.stdout.write(
    [
      `${scenario.name}${flags.variant ? ` [${flags.variant}]` : ""} — ${outcome.clusters} clusters × ${outcome.years} years, ${outcome.replications} replications, seed ${seed}`,
      "",
      `  How often   ${e("outagesPerYear")} quorum losses per year`,
      `              pooled: ${outcome.outagesPerYearPoisson.count} in ${outcome.outagesPerYearPoisson.exposureYears} fleet-years = ${formatRateInterval(outcome.outagesPerYearPoisson, "year")}`,
      `  How big     worst share of a cluster's ranges without quorum: ${e("rangeShareMax")}; clusters affected ${e("clustersAffected")}`,
      `  How long    mean outage ${e("outageHoursMean")}, longest ${e("outageHoursMax")}`,
      `  At risk     share of time with a node down: ${e("timeAtRiskShare")}`,
      ...(outcome.hardwareOutagesPerYear === undefined ? [] : [
        `  By cause    per year: hardware ${e("hardwareOutagesPerYear")}, maintenance ${e("maintenanceOutagesPerYear")}, bad deploys ${e("badDeployOutagesPerYear")}`,
        `              bad deploys ${e("badDeploys")}, caught by a canary ${e("badDeploysDetected")}`,
      ]),
      "",
    ].join("\n"),
  );
  return dir;
}
