import { defaultResultsDir } from "./results-dir.js";
import { join } from "node:path";
import { resultHeader, runVariants } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { episodesCsv, windowsCsv } from "../report/csv.js";
import { compareTable } from "../report/compare-table.js";
import { deriveVariant, type ScenarioVariant } from "../scenario/load-scenario.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { deriveFleetVariant, type FleetScenario, type FleetVariant } from "../scenario/load-fleet-scenario.js";
import { fleetReplications, summarizeFleet } from "../experiment/fleet-experiment.js";
import { figureNames, fleetFigures } from "../experiment/headline-figures.js";
import { differencesFromBaseline } from "../experiment/paired-differences.js";
import { summarizeFigures } from "../experiment/replications.js";
import { differenceSection } from "../report/difference-table.js";
import { estimateTable } from "../report/estimate-table.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { gridPoints } from "./grid.js";
import { progress } from "./progress.js";
import { runProgress, type RunProgress } from "./progress-bar.js";
import { refuseFleetOnlyCluster, type RunFlags } from "./run-command.js";
import { runReplicated, wantsReplications } from "./replicated-runs.js";
import { noteScenario } from "./run-context.js";
import { removeStaleVariantDirs } from "./stale-variant-dirs.js";

/** A variant's directory name: `--vary` names such as `rate=20/s` made safe for any file system. */
export function variantDirName(name: string): string {
  return name.replace(/[^A-Za-z0-9._=,+-]/g, "_");
}

/** `relisim compare`: the file's variants, or a `--vary` grid, side by side on one seed; returns the results' directory. */
export async function compareCommand(file: string, flags: RunFlags & { vary: string[] }): Promise<string> {
  const any = loadAnyScenario(file, { sets: flags.set });
  noteScenario(any, flags.seed);
  if (isFleetScenario(any)) {
    refuseFleetOnlyCluster(any, flags);
    return compareFleet(any, flags);
  }
  const scenario = any;
  let variants: readonly ScenarioVariant[];
  if (flags.vary.length > 0) {
    variants = gridPoints(flags.vary.map((v) => parseVary(v))).map((g) => deriveVariant(scenario, g.name, g.overrides));
  } else if (scenario.variants.length > 0) {
    variants = scenario.variants;
  } else {
    throw new ScenarioError(file, [{ path: [], message: "nothing to compare: the file declares no variants; add --vary path=a,b" }]);
  }
  const dir = flags.out ?? defaultResultsDir(scenario.name);
  if (wantsReplications(flags)) {
    await runReplicated(scenario, variants, flags, "compare.json", dir);
    return dir;
  }
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  let bar: RunProgress | undefined;
  let started = 0;
  let runs;
  try {
    runs = runVariants(scenario, variants, {
      seed,
      maxEvents: flags.maxEvents,
      onVariant: (name) => {
        bar?.stop();
        say(`running ${scenario.name} [${name}] (seed ${seed}) …`);
        bar = runProgress(`  ${name} (${++started}/${variants.length})`, flags.quiet || flags.json);
      },
      onProgress: (at, duration, requests) => bar?.update(at, duration, requests),
    });
  } finally {
    bar?.stop();
  }
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
  const cleared = removeStaleVariantDirs(dir, runs.map((r) => variantDirName(r.name)), variantDirName);
  if (cleared.length > 0) say(`removed ${cleared.map((d) => join(dir, d)).join(", ")}: variants of the comparison this one replaces`);
  const paths = writeResultFiles(dir, files);
  process.stdout.write(flags.json ? toJson(document) : `${compareTable(header, runs)}\n`);
  say(`wrote ${paths.length > 1 ? `${paths[0]} and each variant's summary.json, windows.csv, episodes.csv in ${join(dir, "<variant>")}` : paths[0]}`);
  say("one run per variant: for paired differences with 95% intervals, add --replications N (N ≥ 2)");
  return dir;
}

/**
 * Fleet variants side by side, each replicated on the same seeds (the same node failures), and
 * each variant's paired differences against the first.
 */
function compareFleet(scenario: FleetScenario, flags: RunFlags & { vary: string[] }): string {
  let variants: readonly FleetVariant[];
  if (flags.vary.length > 0) variants = gridPoints(flags.vary.map((v) => parseVary(v))).map((g) => deriveFleetVariant(scenario, g.name, g.overrides));
  else if (scenario.variants.length > 0) variants = scenario.variants;
  else throw new ScenarioError(scenario.file, [{ path: [], message: "nothing to compare: the file declares no variants; add --vary path=a,b" }]);
  const seed = flags.seed ?? scenario.seed;
  const replications = flags.replications ?? scenario.replications;
  const say = progress(flags.quiet || flags.json);
  const runs = variants.map((v) => {
    say(`running ${scenario.name} [${v.name}] × ${replications} (seed ${seed}) …`);
    return { name: v.name, runs: fleetReplications(v.config, seed, replications, flags.maxEvents) };
  });
  const names = figureNames("fleet");
  const results = runs.map((r) => ({ name: r.name, outcome: summarizeFleet(r.runs), figures: r.runs.map(fleetFigures) }));
  const baseline = results[0].name;
  const differences = differencesFromBaseline(names, results);
  const compared = Object.keys(differences).length > 0 ? { baseline, differences } : {};
  const header = resultHeader(scenario, seed);
  const document = { header, variants: Object.fromEntries(results.map((r) => [r.name, r.outcome])), ...compared };
  const dir = flags.out ?? defaultResultsDir(scenario.name);
  const paths = writeResultFiles(dir, { "compare.json": toJson(document) });
  if (flags.json) {
    process.stdout.write(toJson(document));
  } else {
    const table = estimateTable(names, results.map((r) => ({ name: r.name, replications, estimate: summarizeFigures(names, r.figures) })));
    const section = differenceSection(names, baseline, differences, replications);
    process.stdout.write(
      `${scenario.name} — ${results.length} variants × ${replications} replication${replications === 1 ? "" : "s"} on seed ${seed} (the same failures)${replications > 1 ? ": mean (95% CI, sd)" : ""}\n\n${table}\n` +
        (section === "" ? "" : `\n${section}\n`),
    );
  }
  say(`wrote ${paths.join(", ")}`);
  return dir;
}
