import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { ESTIMATE_FIELDS, runFleet } from "../experiment/fleet-experiment.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { RELISIM_VERSION } from "../experiment/version.js";
import { formatNumber, table } from "../report/format.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { deriveFleetVariant } from "../scenario/load-fleet-scenario.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { gridPoints } from "./grid.js";
import { progress } from "./progress.js";

interface SweepFlags {
  grid: string[];
  replications?: number;
  seed?: number;
  set: string[];
  out?: string;
  quiet?: boolean;
  html?: boolean;
}

/**
 * `relisim sweep`: a grid of fleet configurations (the file's `sweep:` or `--grid` flags), each
 * run `replications` times on the same seeds (common random numbers: every point sees the same
 * node failures), written as one CSV row per point with mean, std and a 95% interval.
 * Returns the results' directory.
 */
export function sweepCommand(file: string, flags: SweepFlags): string {
  const scenario = loadAnyScenario(file, { sets: flags.set });
  if (!isFleetScenario(scenario)) {
    throw new ScenarioError(file, [{ path: [], message: "sweep runs fleet scenarios (a file with a fleet: block); use compare --vary for cluster scenarios" }]);
  }
  const grid = flags.grid.length > 0 ? flags.grid.map(parseVary) : Object.entries(scenario.sweep).map(([path, values]) => ({ path, values }));
  if (grid.length === 0) throw new ScenarioError(file, [{ path: ["sweep"], message: "no grid: add a sweep: block or --grid path=a,b" }]);
  const replications = flags.replications ?? scenario.replications;
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet);
  const all = gridPoints(grid);
  const started = process.hrtime.bigint();
  const rows: unknown[][] = [];
  const results: Array<{ point: Record<string, unknown>; estimate: ReturnType<typeof runFleet> }> = [];
  all.forEach(({ name, overrides: point }, i) => {
    const estimate = runFleet(deriveFleetVariant(scenario, name, point).config, seed, replications);
    results.push({ point, estimate });
    rows.push([
      ...grid.map((g) => point[g.path] as string | number),
      replications,
      ...ESTIMATE_FIELDS.flatMap((f) => [estimate[f].mean, estimate[f].std, estimate[f].ci95Low, estimate[f].ci95High]),
    ]);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    say(`[${i + 1}/${all.length}] ${name}: ${formatNumber(estimate.outagesPerYear.mean, 3)} outages/year (${elapsed.toFixed(1)} s, ~${((elapsed / (i + 1)) * (all.length - i - 1)).toFixed(0)} s left)`);
  });
  const csv = stringify(rows, {
    header: true,
    columns: [
      ...grid.map((g) => g.path),
      "replications",
      ...ESTIMATE_FIELDS.flatMap((f) => [`${f}_mean`, `${f}_std`, `${f}_ci95_low`, `${f}_ci95_high`]),
    ],
  });
  const header = { relisim: RELISIM_VERSION, node: process.version, scenario: scenario.name, file, hash: scenario.hash, seed, replications };
  const dir = flags.out ?? join("results", scenario.name);
  const paths = writeResultFiles(dir, {
    "sweep.csv": csv,
    "sweep.json": toJson({ header, grid, points: results }),
  });
  const summary = [
    [...grid.map((g) => g.path.split(".").pop()!), "outages/year", "95% CI", "outage h (mean)", "time at risk"],
    ...results.map(({ point, estimate: e }) => [
      ...grid.map((g) => String(point[g.path])),
      formatNumber(e.outagesPerYear.mean, 3),
      `${formatNumber(e.outagesPerYear.ci95Low, 3)}–${formatNumber(e.outagesPerYear.ci95High, 3)}`,
      formatNumber(e.outageHoursMean.mean, 3),
      formatNumber(e.timeAtRiskShare.mean, 3),
    ]),
  ];
  process.stdout.write(`${scenario.name} — ${all.length} points × ${replications} replications, seed ${seed}\n\n${table(summary)}\n`);
  say(`wrote ${paths.join(", ")}`);
  return dir;
}
