import { summarisePhase, type PhaseSummary } from "../../metrics/phase-summary.js";
import type { WindowRecorder } from "../../metrics/window-recorder.js";
import type { SimulationConfig } from "../../scenario/simulation-config.js";
import { round } from "./rounding.js";

/** Per phase the scenario names (`phases`), what its windows add up to; absent without phases. */
export type PhaseOutcome = { readonly phases?: Readonly<Record<string, PhaseSummary>> };

/** The figures of one phase, in the order `summary.json` writes them. */
export const PHASE_FIGURES = ["windows", "requests", "availability", "p99MsMax", "p99MsMean", "utilization", "utilizationMax", "serverShed", "hedges", "retries", "capacity"] as const;

/** The `phases` section: one summary per phase, in the order written. */
export function phaseOutcome(recorder: WindowRecorder, config: SimulationConfig): PhaseOutcome {
  const phases = config.metrics.phases;
  if (!phases || phases.length === 0) return {};
  const out: Record<string, PhaseSummary> = {};
  for (const phase of phases) {
    const s = summarisePhase(recorder.windows, recorder.probeNames, phase);
    out[phase.name] = Object.fromEntries(PHASE_FIGURES.map((k) => [k, round(s[k])])) as unknown as PhaseSummary;
  }
  return { phases: out };
}
