/**
 * What a cluster run's outcome is made of, in the order `summary.json` writes it: the three
 * answers and availability from the recorder's windows (run-outcome.ts), then the sections read
 * from the finished world: what the clients' resilience machinery did (`client`), what payloads
 * cost (`payloads`), and, with `api`, where writes applied (`writes`) and what became of
 * time-series events (`timeSeries`).
 */
import type { WindowRecorder } from "../../metrics/window-recorder.js";
import { ClientStats } from "../../model/client/client-stats.js";
import type { World } from "../../model/world.js";
import type { SimulationConfig } from "../../scenario/simulation-config.js";
import { apiOutcome, type ApiOutcome } from "./api-outcome.js";
import { clientOutcome, type ClientOutcome } from "./client-outcome.js";
import { payloadOutcome, type PayloadOutcome } from "./payload-outcome.js";
import { phaseOutcome, type PhaseOutcome } from "./phase-outcome.js";
import { buildRunOutcome, type RunOutcome } from "./run-outcome.js";
import { replacementOutcome, type ReplacementOutcome } from "./replacement-outcome.js";
import { appTierOutcome, type AppTierOutcome } from "./app-tier-outcome.js";
import { phasesWithFidelity, withFidelity, type FidelityOutcome } from "./fidelity-outcome.js";

/** The outcome of one run: the three answers and availability, and what the clients did. */
export type ScenarioOutcome = RunOutcome & { readonly client: ClientOutcome } & { readonly payloads: PayloadOutcome } & ApiOutcome & PhaseOutcome & { readonly replacement?: ReplacementOutcome } & { readonly appTier?: AppTierOutcome } & FidelityOutcome;

/** Assembles the outcome of a finished run from its world and its recorder (after `finish()`). */
export function buildScenarioOutcome(world: World, recorder: WindowRecorder, config: SimulationConfig): ScenarioOutcome {
  // The clients' counters summed once; each section reads the totals it reports.
  const totals = new ClientStats();
  for (const c of world.clients) totals.add(c.stats);
  const measured = config.world.duration - (config.metrics.warmUp ?? 0);
  const run = withFidelity(buildRunOutcome(recorder, measured, { stochasticFaults: config.world.faults.nodeFailures !== undefined }), recorder, config.world.fidelity, world.fluid);
  return {
    ...run,
    client: clientOutcome(world, totals, config.world),
    payloads: payloadOutcome(world, totals),
    ...apiOutcome(world, totals, config.world),
    ...replacementOutcome(world),
    ...appTierOutcome(world, recorder, run.episodes.list),
    ...phasesWithFidelity(phaseOutcome(recorder, config), config.world.fidelity),
  };
}
