import type { PlanSpec } from "../../scenario/plan-schema.js";

/** One knob of a plan, made uniform: its choices, each with a label, overrides and maybe a node cost. */
export interface Knob {
  readonly name: string;
  readonly monotone: boolean;
  readonly choices: readonly KnobChoice[];
}

export interface KnobChoice {
  /** How the choice is printed: the value (`3`) or the option's name (`large`). */
  readonly label: string;
  /** path → value, applied after the case's own overrides. */
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly costPerNode?: number;
}

/** A candidate configuration: one choice index per knob, in the knobs' order. */
export type Candidate = readonly number[];

/** The knobs of a plan, in the file's order. */
export function planKnobs(plan: PlanSpec): Knob[] {
  return Object.entries(plan.knobs).map(([name, spec]) => {
    if ("options" in spec) {
      const choices = Object.entries(spec.options).map(([label, option]) => ({ label, overrides: option.set, costPerNode: option.costPerNode }));
      return { name, monotone: false, choices };
    }
    const paths = typeof spec.set === "string" ? [spec.set] : spec.set;
    const choices = spec.values.map((value) => ({
      label: typeof value === "string" ? value : JSON.stringify(value),
      overrides: Object.fromEntries(paths.map((p) => [p, value])),
    }));
    return { name, monotone: spec.monotone, choices };
  });
}

/** The overrides of a candidate: every knob's choice, in the knobs' order. */
export function candidateOverrides(knobs: readonly Knob[], candidate: Candidate): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  knobs.forEach((knob, k) => Object.assign(overrides, knob.choices[candidate[k]].overrides));
  return overrides;
}

/** What one node of a candidate costs: the option that names a price, else the plan's default. */
export function candidateNodeCost(knobs: readonly Knob[], candidate: Candidate, defaultCost: number): number {
  for (let k = 0; k < knobs.length; k++) {
    const cost = knobs[k].choices[candidate[k]].costPerNode;
    if (cost !== undefined) return cost;
  }
  return defaultCost;
}

/** E.g. `nodesPerZone=2, instance=large`. */
export function candidateLabel(knobs: readonly Knob[], candidate: Candidate): string {
  return knobs.map((knob, k) => `${knob.name}=${knob.choices[candidate[k]].label}`).join(", ");
}

/** Every candidate, in lexicographic order of the knobs' choices. */
export function allCandidates(sizes: readonly number[]): Candidate[] {
  let all: number[][] = [[]];
  for (const size of sizes) all = all.flatMap((prefix) => Array.from({ length: size }, (_, i) => [...prefix, i]));
  return all;
}
