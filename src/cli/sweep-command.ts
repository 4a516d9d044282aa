import { defaultResultsDir } from "./results-dir.js";
import { join } from "node:path";
import { figureNames } from "../experiment/headline-figures.js";
import { replicatePoints } from "../experiment/replications.js";
import { writeResultFiles } from "../experiment/result-files.js";
import { inShard, sweepDocuments, sweepHeader, sweepPoint, type SweepAxis, type SweepHeader, type SweepPointResult } from "../experiment/sweep.js";
import { shardDocument, shardFileName, type Shard } from "../experiment/sweep-shards.js";
import { SweepStore } from "../experiment/sweep-store.js";
import { defaultWorkers } from "../experiment/worker-pool.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { gridPoints } from "./grid.js";
import { progress } from "./progress.js";
import { precisionFigure } from "./precision-figure.js";
import { progressBar } from "./progress-bar.js";
import { sweepTable } from "./sweep-table.js";
import { noteScenario } from "./run-context.js";
import { figureWords } from "../report/figure-labels.js";

export interface SweepFlags {
  grid: string[];
  replications?: number;
  precision?: number;
  maxReplications: number;
  precisionOf?: string;
  workers?: number;
  seed?: number;
  set: string[];
  out?: string;
  shard?: Shard;
  fresh?: boolean;
  maxEvents: number;
  quiet?: boolean;
}

/** Cluster scenarios declare no replications; a sweep needs some to give an interval. */
const CLUSTER_REPLICATIONS = 5;

/**
 * `relisim sweep`: a grid of configurations (fleet or cluster), each replicated on the same
 * seeds (common random numbers), one CSV row per point with mean, std and a 95% interval.
 * Every finished replication is kept in <out>/runs, so a rerun resumes; `--shard` computes one
 * share of the work for `relisim merge`.
 */
export async function sweepCommand(file: string, flags: SweepFlags): Promise<string | undefined> {
  const scenario = loadAnyScenario(file, { sets: flags.set });
  noteScenario(scenario, flags.seed);
  const fleet = isFleetScenario(scenario);
  const kind = fleet ? "fleet" : "cluster";
  const fileGrid = fleet ? Object.entries(scenario.sweep).map(([path, values]) => ({ path, values })) : [];
  const grid: SweepAxis[] = flags.grid.length > 0 ? flags.grid.map((g) => parseVary(g, "--grid")) : fileGrid;
  if (grid.length === 0) {
    throw new ScenarioError(file, [{ path: fleet ? ["sweep"] : [], message: `no grid: add --grid path=a,b${fleet ? " or a sweep: block" : ""}` }]);
  }
  if (flags.precision !== undefined && flags.shard) {
    throw new ScenarioError(file, [{ path: [], message: "--precision decides the replications as results come in; it cannot be split into --shard shares (give --replications)" }]);
  }
  const replications = flags.replications ?? (fleet ? scenario.replications : CLUSTER_REPLICATIONS);
  const seed = flags.seed ?? scenario.seed;
  const workers = flags.workers ?? defaultWorkers();
  const out = flags.out ?? defaultResultsDir(scenario.name);
  const say = progress(flags.quiet);
  const points = gridPoints(grid).map((g) => sweepPoint(scenario, g.name, g.overrides, seed, flags.maxEvents));
  const figure = precisionFigure(file, kind, flags.precisionOf);
  const store = SweepStore.open(join(out, "runs"), { file, hash: scenario.hash, seed, kind }, flags.fresh);
  if (store.resumed > 0) say(`resuming: ${store.resumed} finished replications found in ${join(out, "runs")}`);
  const bar = progressBar(scenario.name, flags.quiet);
  const header = sweepHeader(scenario, kind, seed, replications, flags.precision === undefined ? undefined : { precision: flags.precision, of: figure });
  let results;
  try {
    results = await replicatePoints(points, {
      replications,
      precision: flags.precision,
      maxReplications: flags.maxReplications,
      precisionFigure: figure,
      workers,
      store,
      select: flags.shard ? inShard(flags.shard, replications) : undefined,
      onProgress: (done, total) => bar.update(done, total),
    });
  } finally {
    bar.stop();
  }
  if (flags.shard) {
    const name = shardFileName(flags.shard);
    const document = shardDocument(header, grid, flags.shard, points.map((p, i) => ({ name: p.name, overrides: p.overrides, figures: results[i].figures })));
    const paths = writeResultFiles(out, { [name]: document });
    say(`shard ${flags.shard.index} of ${flags.shard.count} done: wrote ${paths.join(", ")}; combine the shards with relisim merge`);
    return undefined; // a shard is not a result to report on: its merge is
  }
  const finished = points.map((p, i) => ({ overrides: p.overrides, figures: results[i].figures }));
  writeSweep(out, header, grid, finished, flags.quiet);
  const missed = results.filter((r) => r.precisionReached === false).length;
  if (missed > 0) say(`${missed} of ${points.length} points did not reach ±${flags.precision} relative half-width on ${figureWords(figureNames(kind)[figure])} within ${flags.maxReplications} replications`);
  return out;
}

/** Writes sweep.csv and sweep.json and prints the summary table: the same for a sweep and a merge. */
export function writeSweep(out: string, header: SweepHeader, grid: readonly SweepAxis[], results: readonly SweepPointResult[], quiet?: boolean): void {
  const paths = writeResultFiles(out, sweepDocuments(header, grid, results));
  const counts = new Set(results.map((r) => r.figures.length));
  const reps = counts.size === 1 ? `${[...counts][0]}` : `${Math.min(...counts)}–${Math.max(...counts)}`;
  process.stdout.write(`${header.scenario} — ${results.length} points × ${reps} replications, seed ${header.seed}\n\n${sweepTable(header.kind, grid, results)}\n`);
  progress(quiet)(`wrote ${paths.join(", ")}`);
}
