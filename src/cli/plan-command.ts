import { checkPlan, planCapacity } from "../experiment/plan/capacity-plan.js";
import { resultHeader } from "../experiment/run-scenario.js";
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
}

/**
 * `relisim plan`: the cheapest configuration of the scenario's `plan.knobs` that meets every
 * goal in every case; prints the choice, its margins and the runner-up, writes plan.json.
 */
export async function planCommand(file: string, flags: PlanFlags): Promise<string> {
  const scenario = loadAnyScenario(file, { sets: flags.set });
  if (isFleetScenario(scenario)) {
    throw new ScenarioError(file, [{ path: [], message: "relisim plan plans a cluster scenario (its plan: block); for a fleet's maintenance, use relisim sweep" }]);
  }
  noteScenario(scenario, flags.seed);
  checkPlan(scenario); // every problem of the plan before anything runs
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  say(`planning ${scenario.name} (seed ${seed}) …`);
  const plan = await planCapacity(scenario, {
    seed,
    workers: flags.workers ?? defaultWorkers(),
    maxEvents: flags.maxEvents,
    onTrial: (trial, tried) => say(trialLine(trial, tried)),
  });
  const header = resultHeader(scenario, seed);
  const document = { header, plan };
  const dir = flags.out ?? defaultResultsDir(`${scenario.name}-plan`);
  const paths = writeResultFiles(dir, { "plan.json": toJson(document) });
  if (flags.json) process.stdout.write(toJson(document));
  else process.stdout.write(`${planReport(`${scenario.name} — plan on seed ${seed}`, plan)}\n`);
  say(`wrote ${paths.join(", ")}`);
  if (plan.choice === undefined) process.exitCode = 1;
  return dir;
}
