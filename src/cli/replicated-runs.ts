import { defaultResultsDir } from "./results-dir.js";
import { join } from "node:path";
import { figureNames } from "../experiment/headline-figures.js";
import { differencesFromBaseline } from "../experiment/paired-differences.js";
import { replicatePoints, summarizeFigures } from "../experiment/replications.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { resultHeader } from "../experiment/run-scenario.js";
import { defaultWorkers } from "../experiment/worker-pool.js";
import { differenceSection } from "../report/difference-table.js";
import { estimateTable } from "../report/estimate-table.js";
import { figureWords } from "../report/figure-labels.js";
import type { Scenario, ScenarioVariant } from "../scenario/load-scenario.js";
import { progress } from "./progress.js";
import { precisionFigure } from "./precision-figure.js";
import { progressBar } from "./progress-bar.js";

/** The flags that ask `run` and `compare` for replications instead of one run. */
export interface ReplicationFlags {
  replications?: number;
  precision?: number;
  maxReplications: number;
  precisionOf?: string;
  workers?: number;
}

/** Whether the flags ask for more than the one run `run` and `compare` do by default. */
export function wantsReplications(flags: ReplicationFlags): boolean {
  return (flags.replications ?? 1) > 1 || flags.precision !== undefined;
}

/**
 * Cluster variants, each replicated on the same seeds (common random numbers), summarized per
 * headline figure with mean, std and a 95% Student-t interval, and (two variants or more) each
 * variant's paired differences against the first; `file` names the JSON written.
 */
export async function runReplicated(
  scenario: Scenario,
  variants: readonly ScenarioVariant[],
  flags: ReplicationFlags & { seed?: number; maxEvents: number; quiet?: boolean; json?: boolean; out?: string },
  file: "replications.json" | "compare.json",
  dir: string = defaultResultsDir(scenario.name),
): Promise<void> {
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  const figure = precisionFigure(scenario.file, "cluster", flags.precisionOf);
  const bar = progressBar(scenario.name, flags.quiet || flags.json);
  let results;
  try {
    results = await replicatePoints(
      variants.map((v) => ({ name: v.name, task: { kind: "cluster", config: v.config, seed, index: 0, maxEvents: flags.maxEvents } })),
      {
        replications: flags.replications ?? (flags.precision !== undefined ? 5 : 1),
        precision: flags.precision,
        maxReplications: flags.maxReplications,
        precisionFigure: figure,
        workers: flags.workers ?? defaultWorkers(),
        onProgress: (done, total) => bar.update(done, total),
      },
    );
  } finally {
    bar.stop();
  }
  const names = figureNames("cluster");
  const columns = results.map((r) => ({
    name: r.name,
    replications: r.figures.length,
    ...(r.precisionReached === undefined ? {} : { precisionReached: r.precisionReached }),
    estimate: summarizeFigures(names, r.figures),
    figures: Object.fromEntries(names.map((f, i) => [f, r.figures.map((x) => x[i])])),
  }));
  const header = { ...resultHeader(scenario, seed), precision: flags.precision ?? null, precisionOf: flags.precision === undefined ? null : names[figure] };
  const baseline = columns[0].name;
  const differences = differencesFromBaseline(names, results);
  const compared = Object.keys(differences).length > 0 ? { baseline, differences } : {};
  const document = { header, variants: Object.fromEntries(columns.map(({ name, ...rest }) => [name, rest])), ...compared };
  const paths = writeResultFiles(flags.out ?? dir, { [file]: toJson(document) });
  if (flags.json) {
    process.stdout.write(toJson(document));
  } else {
    const counts = columns.map((c) => `${c.name} × ${c.replications}`).join(", ");
    process.stdout.write(`${scenario.name} — ${counts} replications on seed ${seed}: mean (95% CI, sd)\n\n${estimateTable(names, columns)}\n`);
    const fewest = Math.min(...columns.map((c) => c.replications));
    const section = differenceSection(names, baseline, differences, fewest);
    if (section !== "") process.stdout.write(`\n${section}\n`);
  }
  for (const c of columns) if (c.precisionReached === false) say(`${c.name}: ${figureWords(names[figure])} did not reach ±${flags.precision} of its mean within ${flags.maxReplications} replications`);
  say(`wrote ${paths.join(", ")}`);
}
