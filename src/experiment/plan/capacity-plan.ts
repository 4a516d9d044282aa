import { regionNodeCount } from "../../model/topology.js";
import { evaluateExpectation, parseExpectation, ExpectationSyntaxError, type Expectation } from "../../scenario/expectation.js";
import { deriveVariant, type Scenario, type ScenarioVariant } from "../../scenario/load-scenario.js";
import type { PlanSpec } from "../../scenario/plan-schema.js";
import { ScenarioError, type ScenarioProblem } from "../../scenario/scenario-error.js";
import type { SimulationConfig } from "../../scenario/simulation-config.js";
import { goalPathProblems } from "../expectation-paths.js";
import type { ReplicationTask } from "../replication-task.js";
import { openTaskThreads, runTasks } from "../worker-pool.js";
import { goalMargin, unflatten, worstMargins, type GoalMargin } from "./goal-margin.js";
import { searchPlan, type Trial } from "./plan-search.js";
import { candidateLabel, candidateNodeCost, candidateOverrides, planKnobs, type Candidate, type Knob } from "./plan-space.js";

type OutcomeTask = Extract<ReplicationTask, { kind: "clusterOutcome" }>;

/** A bound on the simulations one plan may ask for: beyond it, the knobs are too wide to search. */
export const MAX_PLAN_SIMULATIONS = 5_000;

/** One candidate configuration, tried in every case. */
export interface PlanTrial extends Trial {
  readonly label: string;
  /** The knobs' choices by knob name (values or option names, as printed). */
  readonly choices: Readonly<Record<string, string>>;
  readonly nodes: number;
  readonly costPerNode: number;
  /** Per goal, its tightest margin over every case and replication. */
  readonly goals: readonly GoalMargin[];
}

/** What `relisim plan` found. */
export interface CapacityPlan {
  readonly cases: readonly string[];
  readonly goals: readonly string[];
  readonly knobs: readonly { readonly name: string; readonly monotone: boolean; readonly choices: readonly string[] }[];
  readonly replications: number;
  readonly choice: PlanTrial | undefined;
  readonly runnerUp: PlanTrial | undefined;
  /** Every candidate tried, in the order tried. */
  readonly trials: readonly PlanTrial[];
  readonly spaceSize: number;
  /** Candidates tried × cases × replications. */
  readonly simulations: number;
}

export interface PlanOptions {
  readonly seed?: number;
  readonly workers?: number;
  readonly maxEvents?: number;
  /** Told of each candidate once it has been tried (`reused`: taken from `known`, not run). */
  readonly onTrial?: (trial: PlanTrial, tried: number, reused: boolean) => void;
  /** Candidates tried by an earlier run of the same plan, by label: taken as they are, not run again. */
  readonly known?: ReadonlyMap<string, PlanTrial>;
}

/**
 * The cheapest configuration of `scenario`'s plan knobs that meets every goal in every case,
 * each case run on the same seeds for every candidate (common random numbers).
 */
export async function planCapacity(scenario: Scenario, options: PlanOptions = {}): Promise<CapacityPlan> {
  const { plan, goals, cases, knobs } = checkPlan(scenario);
  const sizes = knobs.map((k) => k.choices.length);
  const monotone = knobs.map((k) => k.monotone);
  const seed = options.seed ?? scenario.seed;
  // One set of threads for the whole search: each candidate is a small batch (its cases).
  const threads = openTaskThreads(Math.min(options.workers ?? 1, cases.length * plan.replications));
  const tryCandidate = async (candidate: Candidate): Promise<PlanTrial> => {
    const overrides = candidateOverrides(knobs, candidate);
    const configs = cases.map((c) => caseVariant(scenario, c, overrides, knobs, candidate).config);
    const tasks = configs.flatMap((config) =>
      Array.from({ length: plan.replications }, (_, index): OutcomeTask => ({ kind: "clusterOutcome", config, seed, index, maxEvents: options.maxEvents })),
    );
    const results = await runTasks(tasks, threads ?? 1);
    const margins = results.flatMap((r, t) => {
      const outcome = unflatten(r.figures);
      return goals.map((goal) => goalMargin(goal, evaluateExpectation(goal, outcome), cases[Math.floor(t / plan.replications)], t % plan.replications));
    });
    const worst = worstMargins(goals, margins);
    const nodes = nodeCount(caseVariant(scenario, "base", overrides, knobs, candidate).config);
    const costPerNode = candidateNodeCost(knobs, candidate, plan.costPerNode);
    const trial: PlanTrial = {
      candidate,
      label: candidateLabel(knobs, candidate),
      choices: Object.fromEntries(knobs.map((k, i) => [k.name, k.choices[candidate[i]].label])),
      feasible: worst.every((m) => m.passed),
      nodes,
      costPerNode,
      cost: nodes * costPerNode,
      goals: worst,
    };
    return trial;
  };
  let tried = 0;
  let result;
  try {
    result = await searchPlan(sizes, monotone, async (candidate) => {
      const earlier = options.known?.get(candidateLabel(knobs, candidate));
      const trial = earlier ? { ...earlier, candidate } : await tryCandidate(candidate);
      options.onTrial?.(trial, ++tried, earlier !== undefined);
      return trial;
    });
  } finally {
    await threads?.close();
  }
  return {
    cases,
    goals: goals.map((g) => g.text.trim()),
    knobs: knobs.map((k) => ({ name: k.name, monotone: k.monotone, choices: k.choices.map((c) => c.label) })),
    replications: plan.replications,
    choice: result.choice,
    runnerUp: result.runnerUp,
    trials: result.trials,
    spaceSize: result.spaceSize,
    // The plan's work, whether run now or taken from an earlier run: the same answer either way.
    simulations: result.trials.length * cases.length * plan.replications,
  };
}

/** The plan of `scenario`, checked whole: every problem of its goals, cases and knobs at once. */
export function checkPlan(scenario: Scenario): { plan: PlanSpec; goals: Expectation[]; cases: string[]; knobs: Knob[] } {
  const plan = scenario.base.spec.plan;
  if (plan === undefined) {
    const message = "the file has no plan block: relisim plan needs plan.knobs (what it may change) and plan.goals (what every case must meet); see the README's Capacity planning";
    throw new ScenarioError(scenario.file, [{ path: ["plan"], message }]);
  }
  const problems: ScenarioProblem[] = [];
  const goals = parseGoals(scenario, plan, problems);
  const cases = planCases(scenario, plan, problems);
  const knobs = planKnobs(plan);
  checkKnobs(scenario, knobs, problems);
  if (problems.length === 0) checkSize(scenario, knobs, cases.length * plan.replications, problems);
  if (problems.length > 0) throw new ScenarioError(scenario.file, problems);
  return { plan, goals, cases, knobs };
}

/** Server nodes a configuration provisions (autoscaling may add more while it runs). */
export function nodeCount(config: SimulationConfig): number {
  return config.world.cluster.regions.reduce((sum, region) => sum + regionNodeCount(region), 0);
}

function parseGoals(scenario: Scenario, plan: PlanSpec, problems: ScenarioProblem[]): Expectation[] {
  const goals = plan.goals.map((text, i) => {
    const path = ["plan", "goals", i];
    try {
      const goal = parseExpectation(text);
      if (/(^|[^A-Za-z0-9_.])variants\./.test(text)) {
        problems.push({ path, ...scenario.locate(path), message: `a goal reads one case's outcome: write availability >= 0.999, not variants.NAME.… (the cases are listed in plan.cases)` });
      }
      for (const found of goalPathProblems([text], scenario.base.config)) problems.push({ path, ...scenario.locate(path), message: found.message });
      return goal;
    } catch (error) {
      if (!(error instanceof ExpectationSyntaxError)) throw error;
      problems.push({ path, ...scenario.locate(path), message: error.message });
      return undefined;
    }
  });
  return goals.filter((g) => g !== undefined);
}

function planCases(scenario: Scenario, plan: PlanSpec, problems: ScenarioProblem[]): string[] {
  const names = scenario.variants.map((v) => v.name);
  const cases = plan.cases ?? ["base", ...names];
  cases.forEach((name, i) => {
    if (name !== "base" && !names.includes(name)) {
      const path = ["plan", "cases", i];
      problems.push({ path, ...scenario.locate(path), message: `no variant "${name}": a case is base or one of the variants (${names.join(", ") || "the file has none"})` });
    }
  });
  if (new Set(cases).size !== cases.length) problems.push({ path: ["plan", "cases"], ...scenario.locate(["plan", "cases"]), message: "a case is listed twice" });
  return cases;
}

/** Each choice alone on the base, so a bad path or value is reported before anything runs. */
function checkKnobs(scenario: Scenario, knobs: readonly Knob[], problems: ScenarioProblem[]): void {
  const priced = knobs.filter((k) => k.choices.some((c) => c.costPerNode !== undefined));
  if (priced.length > 1) {
    problems.push({ path: ["plan", "knobs"], ...scenario.locate(["plan", "knobs"]), message: `only one knob may price nodes (costPerNode): ${priced.map((k) => k.name).join(" and ")} both do` });
  }
  for (const knob of knobs) {
    for (const choice of knob.choices) {
      try {
        deriveVariant(scenario, "plan", choice.overrides);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        const path = ["plan", "knobs", knob.name];
        for (const p of error.problems) problems.push({ path, ...scenario.locate(path), message: `${knob.name}=${choice.label}: ${p.message}` });
      }
    }
  }
}

/** Refuses a plan whose search could run more than MAX_PLAN_SIMULATIONS simulations. */
function checkSize(scenario: Scenario, knobs: readonly Knob[], perCandidate: number, problems: ScenarioProblem[]): void {
  const searched = knobs.map((k) => k.monotone).lastIndexOf(true);
  let trials = 1;
  knobs.forEach((knob, k) => (trials *= k === searched ? Math.ceil(Math.log2(knob.choices.length)) + 2 : knob.choices.length));
  const most = trials * perCandidate;
  if (most > MAX_PLAN_SIMULATIONS) {
    const message = `the plan could take up to ${most.toLocaleString("en-US")} simulations (candidates tried × cases × replications; at most ${MAX_PLAN_SIMULATIONS.toLocaleString("en-US")}): give fewer values, or mark a knob monotone so it is bisected`;
    problems.push({ path: ["plan", "knobs"], ...scenario.locate(["plan", "knobs"]), message });
  }
}

/** Case `name` (base or a variant) with a candidate's overrides on top of the case's own. */
function caseVariant(scenario: Scenario, name: string, overrides: Record<string, unknown>, knobs: readonly Knob[], candidate: Candidate): ScenarioVariant {
  const own = name === "base" ? {} : (scenario.base.spec.variants?.[name] ?? {});
  try {
    return deriveVariant(scenario, name, { ...own, ...overrides });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const message = `${candidateLabel(knobs, candidate)} in case ${name}`;
    throw new ScenarioError(scenario.file, error.problems.map((p) => ({ ...p, path: ["plan", "knobs"], message: `${message}: ${p.message}` })));
  }
}
