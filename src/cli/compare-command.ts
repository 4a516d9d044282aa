import { join } from "node:path";
import { resultHeader, runVariants } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { episodesCsv, windowsCsv } from "../report/csv.js";
import { compareTable } from "../report/compare-table.js";
import { deriveVariant, type ScenarioVariant } from "../scenario/load-scenario.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { deriveFleetVariant, type FleetScenario, type FleetVariant } from "../scenario/load-fleet-scenario.js";
import { runFleet } from "../experiment/fleet-experiment.js";
import { formatNumber, table } from "../report/format.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { gridPoints } from "./grid.js";
import { progress } from "./progress.js";
import { refuseFleetOnlyCluster, type RunFlags } from "./run-command.js";
import { runReplicated, wantsReplications } from "./replicated-runs.js";

/** A variant's directory name: `--vary` names such as `rate=20/s` made safe for any file system. */
export function variantDirName(name: string): string {
  return name.replace(/[^A-Za-z0-9._=,+-]/g, "_");
}

/** `relisim compare`: the file's variants, or a `--vary` grid, side by side on one seed; returns the results' directory. */
export async function compareCommand(file: string, flags: RunFlags & { vary: string[] }): Promise<string> {
  const any = loadAnyScenario(file, { sets: flags.set });
  if (isFleetScenario(any)) {
    refuseFleetOnlyCluster(any, flags);
    return compareFleet(any, flags);
  }
  const scenario = any;
  let variants: readonly ScenarioVariant[];
  if (flags.vary.length > 0) {
    variants = gridPoints(flags.vary.map(parseVary)).map((g) => deriveVariant(scenario, g.name, g.overrides));
  } else if (scenario.variants.length > 0) {
    variants = scenario.variants;
  } else {
    throw new ScenarioError(file, [{ path: [], message: "nothing to compare: the file declares no variants; add --vary path=a,b" }]);
  }
  const dir = flags.out ?? join("results", scenario.name);
  if (wantsReplications(flags)) {
    await runReplicated(scenario, variants, flags, "compare.json", dir);
    return dir;
  }
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  const runs = runVariants(scenario, variants, {
    seed,
    maxEvents: flags.maxEvents,
    onVariant: (name) => say(`running ${scenario.name} [${name}] (seed ${seed}) …`),
  });
  const header = resultHeader(scenario, seed);
  const document = {
    header,
    variants: Object.fromEntries(runs.map((r) => [r.name, r.simulation.outcome])),
  };
  // Each variant's timeline beside the comparison, as `run` writes it, for reports and plots.
  const files: Record<string, string> = { "compare.json": toJson(document) };
  for (const r of runs) {
    const sub = variantDirName(r.name);
    files[`${sub}/summary.json`] = toJson({ header: { ...header, variant: r.name }, outcome: r.simulation.outcome });
    files[`${sub}/windows.csv`] = windowsCsv(r.simulation);
    files[`${sub}/episodes.csv`] = episodesCsv(r.simulation);
  }
  const paths = writeResultFiles(dir, files);
  process.stdout.write(flags.json ? toJson(document) : `${compareTable(header, runs)}\n`);
  say(`wrote ${paths.length > 1 ? `${paths[0]} and each variant's summary.json, windows.csv, episodes.csv in ${join(dir, "<variant>")}` : paths[0]}`);
  return dir;
}

/** Fleet variants side by side, each replicated on the same seeds (the same node failures). */
function compareFleet(scenario: FleetScenario, flags: RunFlags & { vary: string[] }): string {
  let variants: readonly FleetVariant[];
  if (flags.vary.length > 0) variants = gridPoints(flags.vary.map(parseVary)).map((g) => deriveFleetVariant(scenario, g.name, g.overrides));
  else if (scenario.variants.length > 0) variants = scenario.variants;
  else throw new ScenarioError(scenario.file, [{ path: [], message: "nothing to compare: the file declares no variants; add --vary path=a,b" }]);
  const seed = flags.seed ?? scenario.seed;
  const replications = flags.replications ?? scenario.replications;
  const say = progress(flags.quiet || flags.json);
  const results = variants.map((v) => {
    say(`running ${scenario.name} [${v.name}] × ${replications} (seed ${seed}) …`);
    return { name: v.name, outcome: runFleet(v.config, seed, replications) };
  });
  const header = resultHeader(scenario, seed);
  const document = { header, variants: Object.fromEntries(results.map((r) => [r.name, r.outcome])) };
  const dir = flags.out ?? join("results", scenario.name);
  const paths = writeResultFiles(dir, { "compare.json": toJson(document) });
  if (flags.json) {
    process.stdout.write(toJson(document));
  } else {
    const ci = (e: { ci95Low: number; ci95High: number }) => `${formatNumber(e.ci95Low, 3)}–${formatNumber(e.ci95High, 3)}`;
    const rows = [
      ["", ...results.map((r) => r.name)],
      ["outages / year", ...results.map((r) => formatNumber(r.outcome.outagesPerYear.mean, 3))],
      ["  95% CI", ...results.map((r) => ci(r.outcome.outagesPerYear))],
      ["outage h (mean)", ...results.map((r) => formatNumber(r.outcome.outageHoursMean.mean, 3))],
      ["worst range share", ...results.map((r) => formatNumber(r.outcome.rangeShareMax.mean, 3))],
      ["clusters affected", ...results.map((r) => formatNumber(r.outcome.clustersAffected.mean, 3))],
      ["time at risk", ...results.map((r) => formatNumber(r.outcome.timeAtRiskShare.mean, 3))],
    ];
    process.stdout.write(`${scenario.name} — ${results.length} variants × ${replications} replications on seed ${seed} (the same failures)\n\n${table(rows, "  ", true)}\n`);
  }
  say(`wrote ${paths.join(", ")}`);
  return dir;
}
