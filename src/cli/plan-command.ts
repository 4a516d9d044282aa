import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkPlan, planCapacity, type CapacityPlan, type PlanTrial } from "../experiment/plan/capacity-plan.js";
import { resultHeader, type ResultHeader } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { defaultWorkers } from "../experiment/worker-pool.js";
import { planReport, trialLine } from "../report/plan-table.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { progress } from "./progress.js";
import { defaultResultsDir } from "./results-dir.js";
import { noteScenario } from "./run-context.js";

export interface PlanFlags {
  seed?: number;
  set: string[];
  json?: boolean;
  out?: string;
  maxEvents: number;
  quiet?: boolean;
  workers?: number;
  fresh?: boolean;
}

/** What plan.json holds: while the search runs, the candidates tried so far (`complete: false`). */
interface PlanDocument {
  readonly header: ResultHeader;
  readonly complete: boolean;
  readonly plan?: CapacityPlan;
  readonly trials?: readonly PlanTrial[];
}

/**
 * `relisim plan`: the cheapest configuration of the scenario's `plan.knobs` that meets every
 * goal in every case; prints the choice, its margins and the runner-up, writes plan.json. The
 * file is rewritten after every candidate, so a stopped plan resumes: a rerun on the same
 * scenario (hash), seed and relisim takes the candidates it finished instead of running them.
 */
export async function planCommand(file: string, flags: PlanFlags): Promise<string> {
  const scenario = loadAnyScenario(file, { sets: flags.set });
  if (isFleetScenario(scenario)) {
    throw new ScenarioError(file, [{ path: [], message: "relisim plan plans a cluster scenario (its plan: block); for a fleet's maintenance, use relisim decide" }]);
  }
  noteScenario(scenario, flags.seed);
  checkPlan(scenario); // every problem of the plan before anything runs
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  const header = resultHeader(scenario, seed);
  const dir = flags.out ?? defaultResultsDir(`${scenario.name}-plan`);
  const known = flags.fresh ? new Map<string, PlanTrial>() : earlierTrials(dir, header);
  say(`planning ${scenario.name} (seed ${seed}) …${known.size > 0 ? ` resuming: ${known.size} candidates tried before` : ""}`);
  const tried: PlanTrial[] = [];
  const plan = await planCapacity(scenario, {
    seed,
    workers: flags.workers ?? defaultWorkers(),
    maxEvents: flags.maxEvents,
    known,
    onTrial: (trial, count, reused) => {
      tried.push(trial);
      if (!reused) writeResultFiles(dir, { "plan.json": toJson({ header, complete: false, trials: tried } satisfies PlanDocument) });
      say(`${trialLine(trial, count)}${reused ? " (tried before)" : ""}`);
    },
  });
  const document: PlanDocument = { header, complete: true, plan };
  const paths = writeResultFiles(dir, { "plan.json": toJson(document) });
  if (flags.json) process.stdout.write(toJson(document));
  else process.stdout.write(`${planReport(`${scenario.name} — plan on seed ${seed}`, plan)}\n`);
  say(`wrote ${paths.join(", ")}`);
  if (plan.choice === undefined) process.exitCode = 1;
  return dir;
}

/**
 * The candidates a plan.json in `dir` holds, when it was written for the same scenario (hash),
 * seed and relisim; none otherwise (another plan's file is replaced, never mixed in).
 */
function earlierTrials(dir: string, header: ResultHeader): Map<string, PlanTrial> {
  const path = join(dir, "plan.json");
  const found = new Map<string, PlanTrial>();
  if (!existsSync(path)) return found;
  let document: PlanDocument;
  try {
    document = JSON.parse(readFileSync(path, "utf8")) as PlanDocument;
  } catch {
    return found; // unreadable: the search starts over and replaces it
  }
  const same = (["relisim", "hash", "seed"] as const).every((k) => document.header?.[k] === header[k]);
  if (!same) return found;
  for (const trial of document.plan?.trials ?? document.trials ?? []) found.set(trial.label, trial);
  return found;
}
