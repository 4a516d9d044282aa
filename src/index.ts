/**
 * relisim as a library: run scenarios from your own test runner and assert on typed outcomes.
 *
 *   import { runScenario } from "relisim";
 *   const outcome = runScenario("scenarios/zone-outage.yaml", { variant: "localQuorum" });
 *   expect(outcome.availability).toBeGreaterThan(0.999);
 *
 * Everything here is deterministic: the same scenario and seed give the same outcome, byte for
 * byte. The plain calls are synchronous; the ...Async ones run on a worker thread, so a program's
 * event loop keeps going. Bad scenarios throw ScenarioError (file, line, path, what was expected).
 */
import { Worker } from "node:worker_threads";
import { moduleUrl } from "./experiment/extension-modules.js";
import { checkAnyScenario } from "./experiment/check-any-scenario.js";
import { runFleet, type FleetEstimate } from "./experiment/fleet-experiment.js";
import { planCapacity, type CapacityPlan } from "./experiment/plan/capacity-plan.js";
import { runVariants } from "./experiment/run-scenario.js";
import type { ScenarioOutcome } from "./experiment/outcome/scenario-outcome.js";
import type { SimulationResult } from "./experiment/simulate.js";
import type { ExpectationResult } from "./scenario/expectation.js";
import { isFleetScenario, loadAnyScenario, type AnyScenario } from "./scenario/load-any-scenario.js";
import { isFleetData, prepareFleetScenario, type FleetScenario } from "./scenario/load-fleet-scenario.js";
import { prepareScenario, type Scenario, type ScenarioVariant } from "./scenario/load-scenario.js";
import { ScenarioError } from "./scenario/scenario-error.js";
import { parseSourceText } from "./scenario/source-file.js";
import { balancerRegistry, type BalancerExtension } from "./model/client/balancer/balancer-registry.js";
import { limitRegistry, type LimitExtension } from "./model/limit/limit-registry.js";
import { faultKindRegistry, type FaultKindExtension } from "./model/faults/fault-kind-registry.js";

export { RELISIM_VERSION } from "./experiment/version.js";
export { ScenarioError, type ScenarioProblem } from "./scenario/scenario-error.js";
export { EventBudgetExceeded, simulate, type SimulationResult } from "./experiment/simulate.js";
/** @deprecated The old name of SimulationResult (a finished run; SimulationConfig is its input). */
export type Simulation = SimulationResult;
export type { ScenarioOutcome } from "./experiment/outcome/scenario-outcome.js";
export type { RunOutcome, EpisodeReport, LatencySummary } from "./experiment/outcome/run-outcome.js";
export type { ClientOutcome } from "./experiment/outcome/client-outcome.js";
export type { FleetEstimate, ReportedEstimate } from "./experiment/fleet-experiment.js";
export type { Scenario, ScenarioVariant } from "./scenario/load-scenario.js";
export type { FleetScenario } from "./scenario/load-fleet-scenario.js";
export type { ExpectationResult } from "./scenario/expectation.js";
export type { CapacityPlan, PlanTrial } from "./experiment/plan/capacity-plan.js";
export type { GoalMargin } from "./experiment/plan/goal-margin.js";
export { estimate, studentT975, type Estimate } from "./experiment/statistics.js";
export type { Balancer, PickContext } from "./model/client/balancer/balancer.js";
export type { BalancerContext, BalancerExtension } from "./model/client/balancer/balancer-registry.js";
export type { Limit, LimitSample } from "./model/limit/limit.js";
export type { LimitContext, LimitExtension } from "./model/limit/limit-registry.js";
export type { FaultActions, FaultContext, FaultKindExtension, FaultNode, Undo } from "./model/faults/fault-kind-registry.js";
export type { NodeInfo } from "./model/node-info.js";
export type { ServerErrorClass } from "./model/request/error-class.js";

/**
 * Registers a load balancer under `name`: scenarios then name it as a built-in
 * (`clients.balancer: name`, or `{ policy: name, ...params }`). Returns a function that
 * unregisters it. Throws if `name` is a built-in or already registered.
 */
export function registerBalancer<P = Readonly<Record<string, unknown>>>(name: string, extension: BalancerExtension<P>): () => void {
  return balancerRegistry.register(name, extension as BalancerExtension<unknown>);
}

/** Registers a concurrency-limit algorithm: `cluster.node.limit: { kind: name, ...params }` (see registerBalancer). */
export function registerLimit<P = Readonly<Record<string, unknown>>>(name: string, extension: LimitExtension<P>): () => void {
  return limitRegistry.register(name, extension as LimitExtension<unknown>);
}

/** Registers a fault kind: `faults.timeline: [{ kind: name, at, for?, <target>, ...params }]` (see registerBalancer). */
export function registerFaultKind<P = Readonly<Record<string, unknown>>>(name: string, extension: FaultKindExtension<P>): () => void {
  return faultKindRegistry.register(name, extension as FaultKindExtension<unknown>);
}

/** A scenario file's path, or its YAML/JSON text (`name` is used in error messages). */
export type ScenarioSource = string | { readonly text: string; readonly name?: string };

export interface ScenarioOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** `path=value` overrides, as `--set` on the command line: `["cluster.consistency.read=ALL"]`. */
  readonly set?: readonly string[];
  /** Refuse runs that would fire more events than this (default 2·10⁹). */
  readonly maxEvents?: number;
}

export interface RunScenarioOptions extends ScenarioOptions {
  /** Run this named variant instead of the base. */
  readonly variant?: string;
}

/** Loads a scenario of either kind from a file or from text. */
export function loadScenario(source: ScenarioSource, options: ScenarioOptions = {}): AnyScenario {
  const sets = options.set ?? [];
  if (typeof source === "string") return loadAnyScenario(source, { sets });
  const name = source.name ?? "scenario.yaml";
  const parsed = parseSourceText(source.text, name);
  return isFleetData(parsed.data) ? prepareFleetScenario(parsed, name, { sets }) : prepareScenario(parsed, name, { sets });
}

function clusterScenario(source: ScenarioSource, options: ScenarioOptions, use: string): Scenario {
  const scenario = loadScenario(source, options);
  if (isFleetScenario(scenario)) {
    throw new ScenarioError(scenario.file, [{ path: ["fleet"], message: `a fleet scenario: use runFleetScenario (${use} runs cluster scenarios)` }]);
  }
  return scenario;
}

function variantNamed(scenario: Scenario, name: string): ScenarioVariant {
  const found = scenario.variants.find((v) => v.name === name);
  if (found) return found;
  const names = scenario.variants.map((v) => v.name).join(", ") || "none";
  throw new ScenarioError(scenario.file, [{ path: ["variants"], message: `no variant "${name}" (the file has: ${names})` }]);
}

/** Runs a cluster scenario (its base, or one variant) and returns the full simulation: outcome, windows, faults. */
export function simulateScenario(source: ScenarioSource, options: RunScenarioOptions = {}): SimulationResult {
  const scenario = clusterScenario(source, options, "simulateScenario");
  const variant = options.variant === undefined ? scenario.base : variantNamed(scenario, options.variant);
  return runVariants(scenario, [variant], { seed: options.seed, maxEvents: options.maxEvents })[0].simulation;
}

/** Runs a cluster scenario (its base, or one variant) and returns its outcome. */
export function runScenario(source: ScenarioSource, options: RunScenarioOptions = {}): ScenarioOutcome {
  return simulateScenario(source, options).outcome;
}

/** Runs every variant a cluster scenario declares on one seed: variant name → outcome. */
export function compareScenario(source: ScenarioSource, options: ScenarioOptions = {}): Record<string, ScenarioOutcome> {
  const scenario = clusterScenario(source, options, "compareScenario");
  const runs = runVariants(scenario, scenario.variants.length > 0 ? scenario.variants : [scenario.base], {
    seed: options.seed,
    maxEvents: options.maxEvents,
  });
  return Object.fromEntries(runs.map((r) => [r.name, r.simulation.outcome]));
}

/** Runs a fleet scenario (its base or one variant) with its replications: every figure with a 95% interval. */
export function runFleetScenario(source: ScenarioSource, options: RunScenarioOptions & { replications?: number } = {}): FleetEstimate {
  const scenario = loadScenario(source, options);
  if (!isFleetScenario(scenario)) {
    throw new ScenarioError(scenario.file, [{ path: [], message: "not a fleet scenario (no fleet: block): use runScenario" }]);
  }
  const fleet: FleetScenario = scenario;
  const variant = options.variant === undefined ? fleet.base : fleet.variants.find((v) => v.name === options.variant);
  if (!variant) throw new ScenarioError(fleet.file, [{ path: ["variants"], message: `no variant "${options.variant}"` }]);
  return runFleet(variant.config, options.seed ?? fleet.seed, options.replications ?? fleet.replications);
}

/**
 * As `relisim plan`: the cheapest configuration of a cluster scenario's `plan:` knobs that meets
 * every goal in every case, its runner-up and every candidate tried with its margins. Candidates'
 * cases run on `workers` threads (default 1: in this thread); the answer does not depend on it.
 */
export function planScenario(source: ScenarioSource, options: ScenarioOptions & { readonly workers?: number } = {}): Promise<CapacityPlan> {
  const scenario = clusterScenario(source, options, "planScenario");
  return planCapacity(scenario, { seed: options.seed, maxEvents: options.maxEvents, workers: options.workers ?? 1 });
}

/** Options of the ...Async calls: a worker thread cannot see functions registered on the caller's. */
export interface AsyncOptions {
  /**
   * Modules that register extensions (registerBalancer, registerLimit, registerFaultKind) when
   * imported, as file paths (relative to the working directory) or URLs; the worker thread
   * imports them, in order, before it runs.
   */
  readonly extensions?: readonly (string | URL)[];
}

/**
 * As runScenario, on a worker thread: the caller's event loop keeps running (a server, a UI,
 * other runs side by side: `await Promise.all(seeds.map((seed) => runScenarioAsync(file, { seed })))`).
 * The same outcome, byte for byte; a bad scenario rejects with the same ScenarioError.
 */
export function runScenarioAsync(source: ScenarioSource, options: RunScenarioOptions & AsyncOptions = {}): Promise<ScenarioOutcome> {
  return onWorker("runScenario", source, options);
}

/** As compareScenario, on a worker thread (see runScenarioAsync). */
export function compareScenarioAsync(source: ScenarioSource, options: ScenarioOptions & AsyncOptions = {}): Promise<Record<string, ScenarioOutcome>> {
  return onWorker("compareScenario", source, options);
}

/** As runFleetScenario, on a worker thread (see runScenarioAsync). */
export function runFleetScenarioAsync(source: ScenarioSource, options: RunScenarioOptions & AsyncOptions & { replications?: number } = {}): Promise<FleetEstimate> {
  return onWorker("runFleetScenario", source, options);
}

/** One call on a worker thread of its own, which ends with it. */
function onWorker<T>(call: "runScenario" | "compareScenario" | "runFleetScenario", source: ScenarioSource, options: AsyncOptions): Promise<T> {
  const { extensions = [], ...rest } = options;
  return new Promise<T>((resolve, reject) => {
    const workerData = { call, source, options: rest, extensions: extensions.map(moduleUrl) };
    const worker = new Worker(new URL("./library-worker.js", import.meta.url), { workerData });
    let answered = false;
    worker.once("message", (m: { ok?: T; scenarioError?: { file: string; problems: ScenarioError["problems"] }; error?: { name: string; message: string; stack?: string } }) => {
      answered = true;
      if (m.scenarioError) reject(new ScenarioError(m.scenarioError.file, m.scenarioError.problems));
      else if (m.error) reject(Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack }));
      else resolve(m.ok as T);
    });
    worker.once("error", (error) => {
      answered = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`relisim's worker thread stopped (exit code ${code}) before answering`));
    });
  });
}

/** Checks a scenario's `expect:` lines, as `relisim test` does (without pins). */
export function checkExpectations(
  source: ScenarioSource,
  options: Pick<ScenarioOptions, "seed" | "set"> = {},
): { readonly passed: boolean; readonly seed: number; readonly checks: ReadonlyArray<{ readonly text: string; readonly result: ExpectationResult }> } {
  const scenario = loadScenario(source, options);
  const check = checkAnyScenario(scenario, options);
  const checks = check.checks.map(({ text, result }) => ({ text, result }));
  return { passed: checks.every((c) => c.result.passed) && check.missingVariants.length === 0, seed: check.seed, checks };
}
