import { join } from "node:path";
import { DECISION_FIGURES } from "../experiment/decision-figures.js";
import { replicateDecision } from "../experiment/decision-runs.js";
import { decisionDocument, type DecisionCandidate, type DecisionHeader } from "../experiment/decision.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { resultHeader } from "../experiment/run-scenario.js";
import { SweepStore } from "../experiment/sweep-store.js";
import { defaultWorkers } from "../experiment/worker-pool.js";
import { deriveFleetVariant, type FleetScenario } from "../scenario/load-fleet-scenario.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { decideTable } from "./decide-table.js";
import { gridPoints } from "./grid.js";
import { progress } from "./progress.js";
import { progressBar } from "./progress-bar.js";
import { defaultResultsDir } from "./results-dir.js";
import { noteScenario } from "./run-context.js";

export interface DecideFlags {
  grid: string[];
  variants?: boolean;
  replications: number;
  batch: number;
  maxReplications: number;
  margin: number;
  workers?: number;
  seed?: number;
  set: string[];
  out?: string;
  fresh?: boolean;
  maxEvents: number;
  quiet?: boolean;
  json?: boolean;
}

/** The subdirectory of --out holding the decision's finished replications (apart from a sweep's runs/). */
const RUNS = "decide-runs";

/**
 * `relisim decide`: ranks a fleet scenario's maintenance plans (its sweep grid, --grid, or with
 * --variants its variants), safest first, on common random numbers, adding replications until
 * each adjacent pair is resolved or tied, or the cap; the no-maintenance baseline beside them.
 * Writes decide.json; finished replications are kept in <out>/decide-runs, so a rerun resumes.
 */
export async function decideCommand(file: string, flags: DecideFlags): Promise<string> {
  const scenario = loadAnyScenario(file, { sets: flags.set });
  if (!isFleetScenario(scenario)) throw new ScenarioError(file, [{ path: [], message: "relisim decide needs a fleet scenario (a fleet: block): it ranks maintenance plans by quorum losses" }]);
  noteScenario(scenario, flags.seed);
  if (flags.replications > flags.maxReplications) {
    throw new ScenarioError(file, [{ path: [], message: `--replications (${flags.replications}) is more than --max-replications (${flags.maxReplications})` }]);
  }
  const seed = flags.seed ?? scenario.seed;
  const candidates = decisionCandidates(scenario, flags);
  if (candidates.length < 2) {
    throw new ScenarioError(file, [{ path: flags.variants ? ["variants"] : ["sweep"], message: `nothing to rank: ${candidates.length} candidate with maintenance (give a sweep: block, --grid, or --variants)` }]);
  }
  const baseline = deriveFleetVariant(scenario, "no maintenance", { "fleet.maintenance": false, ...(scenario.base.config.changes ? { "fleet.changes": false } : {}) });
  const out = flags.out ?? defaultResultsDir(scenario.name);
  const say = progress(flags.quiet || flags.json);
  const store = SweepStore.open(join(out, RUNS), { file, hash: scenario.hash, seed, kind: "fleetCauses" }, flags.fresh);
  if (store.resumed > 0) say(`resuming: ${store.resumed} finished replications found in ${join(out, RUNS)}`);
  const task = (c: DecisionCandidate) => ({ name: c.name, task: { kind: "fleetCauses" as const, config: c.config, seed, index: 0, maxEvents: flags.maxEvents } });
  const bar = progressBar(scenario.name, flags.quiet || flags.json);
  let runs;
  try {
    runs = await replicateDecision(candidates.map(task), task(baseline), {
      first: flags.replications,
      batch: flags.batch,
      cap: flags.maxReplications,
      margin: flags.margin,
      figure: DECISION_FIGURES.indexOf("outagesPerYear"),
      workers: flags.workers ?? defaultWorkers(),
      store,
      onProgress: (done, total) => bar.update(done, total),
    });
  } finally {
    bar.stop();
  }
  const header: DecisionHeader = {
    ...resultHeader(scenario, seed),
    kind: "fleet",
    rankedBy: "outagesPerYear",
    firstReplications: flags.replications,
    batch: flags.batch,
    maxReplications: flags.maxReplications,
    margin: flags.margin,
  };
  const document = decisionDocument(header, candidates, baseline, runs);
  const paths = writeResultFiles(out, { "decide.json": toJson(document) });
  if (flags.json) process.stdout.write(toJson(document));
  else process.stdout.write(`${scenario.name} — ${candidates.length} maintenance plans ranked by quorum losses per year, safest first; seed ${seed}\n\n${decideTable(document)}`);
  say(`wrote ${paths.join(", ")}`);
  return out;
}

/**
 * What is ranked: with --variants, the file's variants that run maintenance (one without is the
 * baseline); else the grid (--grid, or the file's sweep: block), one candidate per point.
 */
function decisionCandidates(scenario: FleetScenario, flags: DecideFlags): DecisionCandidate[] {
  if (flags.variants) {
    if (flags.grid.length > 0) throw new ScenarioError(scenario.file, [{ path: [], message: "give --grid or --variants, not both" }]);
    return scenario.variants.filter((v) => v.config.maintenance !== undefined || v.config.changes !== undefined);
  }
  const fileGrid = Object.entries(scenario.sweep).map(([path, values]) => ({ path, values }));
  const grid = flags.grid.length > 0 ? flags.grid.map((g) => parseVary(g, "--grid")) : fileGrid;
  if (grid.length === 0) throw new ScenarioError(scenario.file, [{ path: ["sweep"], message: "no grid: add --grid path=a,b, a sweep: block, or rank the variants with --variants" }]);
  return gridPoints(grid).map((g) => deriveFleetVariant(scenario, g.name, g.overrides));
}
