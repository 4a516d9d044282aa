import { join } from "node:path";
import { resultHeader, runVariants } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { episodesCsv, windowsCsv } from "../report/csv.js";
import { summaryTable } from "../report/summary-table.js";
import { loadScenario } from "../scenario/load-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { progress } from "./progress.js";

export interface RunFlags {
  seed?: number;
  set: string[];
  json?: boolean;
  out?: string;
  maxEvents: number;
  quiet?: boolean;
  variant?: string;
}

/** `relisim run`: one scenario (or one of its variants), summary on stdout, files on disk. */
export function runCommand(file: string, flags: RunFlags): void {
  const scenario = loadScenario(file, { sets: flags.set });
  let variant = scenario.base;
  if (flags.variant !== undefined) {
    const found = scenario.variants.find((v) => v.name === flags.variant);
    if (!found) {
      const names = scenario.variants.map((v) => v.name).join(", ") || "none";
      throw new ScenarioError(file, [{ path: ["variants"], message: `no variant "${flags.variant}" (the file has: ${names})` }]);
    }
    variant = found;
  }
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  say(`running ${scenario.name}${flags.variant ? ` [${flags.variant}]` : ""} (seed ${seed}) …`);
  const [run] = runVariants(scenario, [variant], { seed, maxEvents: flags.maxEvents });
  const header = resultHeader(scenario, seed);
  const summary = { header: { ...header, variant: flags.variant ?? null }, outcome: run.simulation.outcome };
  const dir = flags.out ?? join("results", scenario.name + (flags.variant ? `-${flags.variant}` : ""));
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
}
