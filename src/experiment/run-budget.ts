import { MICROS_PER_DAY } from "../engine/time.js";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { RateSchedule } from "../model/workload/rate-schedule.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { formatCount } from "../scenario/units.js";

/** A lower bound of the events a run will fire, and what it counts, for refusing a run before it starts. */
export interface EventEstimate {
  readonly events: number;
  /** What the bound counts, for the message: "one per request: 720,000 requests, rate × duration". */
  readonly counted: string;
}

const MICROS_PER_YEAR = 365 * MICROS_PER_DAY;

/**
 * A cluster run fires at least one event per request (its arrival; most fire five or more), so
 * the offered requests, the rate schedule integrated over the duration, bound its events from below.
 */
export function clusterEventEstimate(config: SimulationConfig): EventEstimate {
  const { duration, workload, fidelity } = config.world;
  const offered = new RateSchedule(workload.rate, workload.schedule).offered(0, duration);
  if (fidelity) {
    // Hybrid fidelity simulates only the sampled requests one by one; the fluid fires no events of its own.
    const sampled = offered * fidelity.sample;
    return { events: sampled, counted: `one per sampled request: ${formatCount(sampled)} requests, rate × duration × fidelity.sample` };
  }
  return { events: offered, counted: `one per request: ${formatCount(offered)} requests, rate × duration` };
}

/**
 * A fleet run fires at least a failure and a repair per node failure, and a step per node per
 * maintenance pass: the expected counts over the duration bound its events from below.
 */
export function fleetEventEstimate(config: FleetConfig): EventEstimate {
  const nodes = config.clusters * config.zones * config.nodesPerZone;
  const failures = nodes * config.failuresPerNodeYear * (config.duration / MICROS_PER_YEAR);
  const streams = [config.maintenance, config.changes?.sidecars, config.changes?.processes, config.changes?.stateMoves].filter((m) => m !== undefined);
  let steps = 0;
  for (const m of streams) steps += nodes * Math.floor(config.duration / Math.max(1, Math.round(m.everyDays * MICROS_PER_DAY)));
  const parts = [`${formatCount(failures)} node failures`, ...(streams.length > 0 ? [`${formatCount(steps)} maintenance steps`] : [])];
  return { events: 2 * failures + steps, counted: `two per node failure, one per maintenance step: ${parts.join(" and ")} over ${formatCount(nodes)} nodes` };
}
