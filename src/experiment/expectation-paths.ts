import { suggest } from "../scenario/did-you-mean.js";
import { expectationPaths, parseExpectation } from "../scenario/expectation.js";
import type { Scenario } from "../scenario/load-scenario.js";
import type { ScenarioProblem } from "../scenario/scenario-error.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { outcomeShape, type OutcomeShape } from "./outcome/outcome-shape.js";

/** The shape of the outcome expectations read: the base's, with each variant's under `variants`. Nothing runs. */
function scenarioShape(scenario: Scenario): OutcomeShape {
  const variants: Record<string, OutcomeShape> = {};
  for (const v of scenario.variants) variants[v.name] = outcomeShape(v.config);
  return { ...(outcomeShape(scenario.base.config) as object), variants };
}

/** Why `path` cannot be in an outcome shaped like `shape`, or undefined when it can. */
function pathProblem(path: string, shape: unknown): string | undefined {
  let node = shape;
  const segments = path.split(".");
  for (let i = 0; i < segments.length; i++) {
    if (Array.isArray(node)) return undefined; // list items exist only once a run has them
    if (node === null) return undefined; // anything: a map keyed by what the run meets
    if (typeof node !== "object") return `${segments.slice(0, i).join(".")} is a number, not an object`;
    const keys = Object.keys(node);
    if (!keys.includes(segments[i])) {
      const where = segments.slice(0, i).join(".") || "the outcome";
      const close = suggest(segments[i], keys);
      return `${[...segments.slice(0, i), segments[i]].join(".")} is not in the outcome` +
        (close ? ` (did you mean ${[...segments.slice(0, i), close].join(".")}?)` : ` (${hasKeys(where, keys)})`);
    }
    node = (node as Record<string, unknown>)[segments[i]];
  }
  return undefined;
}

/** What `where` holds, for a message: `variants has a, b`, or that it holds nothing. */
function hasKeys(where: string, keys: readonly string[]): string {
  if (keys.length > 0) return `${where} has ${keys.join(", ")}`;
  return where === "variants" ? "the scenario declares no variants" : `${where} is empty`;
}

/**
 * Expectations that read something no outcome has (a misspelt field, an undeclared variant),
 * found without running the scenario: so a typo costs a second, not a simulation.
 */
export function expectationPathProblems(scenario: Scenario): ScenarioProblem[] {
  if (scenario.expectations.length === 0) return [];
  const shape = scenarioShape(scenario);
  const problems: ScenarioProblem[] = [];
  scenario.expectations.forEach((text, i) => {
    for (const path of expectationPaths(parseExpectation(text))) {
      const problem = pathProblem(path, shape);
      if (problem) problems.push({ path: ["expect", i], message: problem });
    }
  });
  return problems;
}

/**
 * Goals of a plan that read something no outcome of `config` has, or a list item (goals are
 * judged on figures, which cross threads without lists). Nothing runs.
 */
export function goalPathProblems(goals: readonly string[], config: SimulationConfig): { index: number; message: string }[] {
  const shape = outcomeShape(config);
  const problems: { index: number; message: string }[] = [];
  goals.forEach((text, index) => {
    for (const path of expectationPaths(parseExpectation(text))) {
      const segments = path.split(".");
      const item = segments.findIndex((s) => /^\d+$/.test(s));
      const message =
        item > 0 ? `${segments.slice(0, item).join(".")} is a list: read a figure over all its items instead (episodes.count, recoveryS.max)` : pathProblem(path, shape);
      if (message) problems.push({ index, message });
    }
  });
  return problems;
}
