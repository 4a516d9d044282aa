// How cost grows with the size of what is simulated: the cluster slice at 12, 48, 192 and 768
// nodes with the same load per node (about 1,667 req/s, as in the 12-node slice), and the fleet at
// 2,000, 20,000 and 100,000 clusters (with KiB per cluster: the difference in peak RSS from the
// smallest fleet over the difference in clusters). Cost is CPU time, not wall time, so a busy machine's noise cancels
// as far as it can. Each size runs in a process of its own: peak RSS is then that size's.
//
//   npm run bench -- scaling            every size (the 100,000-cluster fleet takes about a minute)
//   node bench/scaling.js cluster-192   one size, one JSON line
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(import.meta.url);
export const PER_NODE_RATE = 20_000 / 12;
/** Simulated seconds per size: about 1.2 M requests each, enough to amortise warm-up. */
const REQUESTS_PER_RUN = 1_200_000;

export const CLUSTER_SIZES = [4, 16, 64, 256]; // nodes per zone; 3 zones
export const FLEET_SIZES = [2_000, 20_000, 100_000];

/** The scenario overrides for a cluster slice of `perZone` × 3 nodes and its simulated length. */
export function clusterSets(perZone, requests = REQUESTS_PER_RUN) {
  const nodes = perZone * 3;
  const rate = Math.round(PER_NODE_RATE * nodes);
  const ms = Math.max(1000, Math.round((requests / rate) * 1000));
  return {
    nodes,
    sets: [
      `cluster.regions[0].nodesPerZone=${perZone}`,
      `clients.perZone=${perZone}`,
      `workload.rate=${rate}/s`,
      `duration=${ms}ms`,
    ],
  };
}

function cpuS(since) {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

async function runCluster(perZone) {
  const { simulate } = await import("../dist/experiment/simulate.js");
  const { loadScenario } = await import("../dist/scenario/load-scenario.js");
  const { nodes, sets } = clusterSets(perZone);
  const file = new URL("./cluster-slice.yaml", import.meta.url).pathname;
  const config = loadScenario(file, { sets }).base.config;
  const t0 = process.cpuUsage();
  const run = simulate(config, 1);
  const cpu = cpuS(t0);
  return {
    bench: `scaling-cluster-${nodes}`,
    nodes,
    requests: run.outcome.requests.total,
    cpuS: Number(cpu.toFixed(2)),
    requestsPerCpuS: Math.round(run.outcome.requests.total / cpu),
    eventsPerRequest: Number((run.engine.events / run.outcome.requests.total).toFixed(2)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function runFleet(clusters) {
  const { simulateFleetWithin } = await import("../dist/experiment/fleet-experiment.js");
  const { loadFleetScenario } = await import("../dist/scenario/load-fleet-scenario.js");
  const file = new URL("./fleet-slice.yaml", import.meta.url).pathname;
  const config = loadFleetScenario(file, { sets: [`fleet.clusters=${clusters}`] }).base.config;
  const t0 = process.cpuUsage();
  const outcome = simulateFleetWithin(config, 1);
  const cpu = cpuS(t0);
  return {
    bench: `scaling-fleet-${clusters}`,
    clusters,
    cpuS: Number(cpu.toFixed(2)),
    cpuMsPerCluster: Number(((cpu * 1000) / clusters).toFixed(3)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    outages: outcome.outages,
  };
}

const USAGE = "usage: node bench/scaling.js cluster-<nodes, a multiple of 3> | fleet-<clusters>   (all sizes: npm run bench -- scaling)";

/** One size, or undefined when `name` names none. */
async function runOne(name) {
  const [kind, size, ...rest] = name.split("-");
  const n = Number(size);
  if (rest.length > 0 || !Number.isSafeInteger(n) || n < 1) return undefined;
  if (kind === "cluster" && n % 3 === 0) return runCluster(n / 3);
  if (kind === "fleet") return runFleet(n);
  return undefined;
}

/** Every size, each in a child process; prints one JSON line per size with its ratio to the smallest. */
export function benchScaling({ fleet = true } = {}) {
  const names = [...CLUSTER_SIZES.map((p) => `cluster-${p * 3}`), ...(fleet ? FLEET_SIZES.map((c) => `fleet-${c}`) : [])];
  const lines = [];
  let clusterBase;
  let fleetBase;
  for (const name of names) {
    const line = JSON.parse(execFileSync(process.execPath, [HERE, name], { encoding: "utf8" }).trim());
    if (line.nodes !== undefined) {
      clusterBase ??= line.requestsPerCpuS;
      line.vsSmallest = Number((line.requestsPerCpuS / clusterBase).toFixed(2));
    } else {
      fleetBase ??= line;
      line.cpuVsSmallest = Number((line.cpuS / fleetBase.cpuS).toFixed(1));
      line.sizeVsSmallest = line.clusters / fleetBase.clusters;
      if (line !== fleetBase) line.kibPerCluster = Number((((line.peakRssMiB - fleetBase.peakRssMiB) * 1024) / (line.clusters - fleetBase.clusters)).toFixed(2));
    }
    lines.push(line);
  }
  return lines;
}

if (process.argv[1] === HERE) {
  const line = process.argv[2] === undefined ? undefined : await runOne(process.argv[2]);
  if (line === undefined) {
    console.error(USAGE);
    process.exit(2);
  }
  console.log(JSON.stringify(line));
}
