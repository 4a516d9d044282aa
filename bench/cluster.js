// The cluster slice: simulated requests per wall second for LOCAL_QUORUM, RF 3, 12 nodes,
// 20k req/s; and peak memory, to show it stays flat as simulated time grows.
import { simulate } from "../dist/experiment/simulate.js";
import { loadScenario } from "../dist/scenario/load-scenario.js";

const FILE = new URL("./cluster-slice.yaml", import.meta.url).pathname;

export function benchCluster({ duration = "2m", label = "cluster-slice", sets = [] } = {}) {
  const scenario = loadScenario(FILE, { sets: [`duration=${duration}`, ...sets] });
  const t0 = process.hrtime.bigint();
  const run = simulate(scenario.base.config, 1);
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const o = run.outcome;
  return {
    bench: label,
    simulatedS: o.durationS,
    requests: o.requests.total,
    requestsPerWallS: Math.round(o.requests.total / wallS),
    eventsPerWallS: Math.round(run.engine.events / wallS),
    wallS: Number(wallS.toFixed(2)),
    peakPendingEvents: run.engine.peakPending,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    availability: o.availability,
  };
}
