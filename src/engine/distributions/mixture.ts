import type { Source } from "../random-streams.js";
import { isFiniteNumber, showValue, throwIfProblems } from "./checks.js";

/** One built component of a mixture: its weight (≥ 0) and its sampler. */
export interface WeightedSampler {
  readonly weight: number;
  readonly sample: () => number;
}

/** Every problem with a mixture's weights: at least one component, each ≥ 0, some > 0. */
export function mixtureWeightProblems(weights: readonly unknown[]): string[] {
  if (weights.length === 0) return ["mixture: needs at least one component"];
  const found: string[] = [];
  let total = 0;
  weights.forEach((weight, i) => {
    if (!isFiniteNumber(weight) || weight < 0) {
      found.push(`mixture: components[${i}].weight must be a finite number ≥ 0, got ${showValue(weight)}`);
    } else {
      total += weight;
    }
  });
  if (found.length === 0 && !(total > 0)) found.push("mixture: the weights sum to 0; give some component a weight > 0");
  return found;
}

/**
 * Draws from one component chosen by weight (normalized), then from that component. One uniform
 * from `source` picks the component; the components should draw from the same source.
 */
export function mixtureSampler(source: Source, params: { readonly components: readonly WeightedSampler[] }): () => number {
  const { components } = params;
  throwIfProblems(mixtureWeightProblems(components.map((c) => c.weight)));
  const samplers = components.map((c) => c.sample);
  const cumulative = new Float64Array(components.length);
  let total = 0;
  let last = 0; // the last component with weight > 0: the fallback should rounding reach the total
  components.forEach((c, i) => {
    total += c.weight;
    cumulative[i] = total;
    if (c.weight > 0) last = i;
  });
  const n = samplers.length;
  return () => {
    const u = source() * total;
    let i = 0;
    while (i < n && u >= cumulative[i]) i++;
    return samplers[i < n ? i : last]();
  };
}
