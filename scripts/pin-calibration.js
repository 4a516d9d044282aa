#!/usr/bin/env node
// Measures the false-alarm rate of statistical pins on real scenarios: pins each scenario as
// `relisim test --update` does (N replications of the seed), then runs it on M other seeds
// (seed+1 … seed+M, as `relisim test --seed` would) and counts the runs that flag any figure.
// With --disk-scale X every run after pinning has its nodes' disks X times slower: the power.
//
//   npm run build && node scripts/pin-calibration.js [--replications 20] [--seeds 20] [--rate 0.001] \
//     [--disk-scale 1.03] [--workers 2] scenarios/hedge-delays.yaml scenarios/gc-and-disk-tails.yaml …
import { loadAnyScenario, isFleetScenario } from "../dist/scenario/load-any-scenario.js";
import { ScenarioError } from "../dist/scenario/scenario-error.js";
import { checkScenario } from "../dist/experiment/check-scenario.js";
import { pinClusterRuns, pinRunName } from "../dist/experiment/pin-runs.js";
import { comparePinned, PIN_FORMAT } from "../dist/experiment/pinned-outcome.js";
import { resultHeader } from "../dist/experiment/run-scenario.js";
import { runTasks, defaultWorkers } from "../dist/experiment/worker-pool.js";
import { refuse, scriptArgs } from "./script-args.js";

const USAGE = "node scripts/pin-calibration.js [--replications N (20)] [--seeds M (20)] [--rate R (0.001)] [--disk-scale X] [--workers W] <scenario.yaml>...";
const { values, positionals } = scriptArgs(
  USAGE,
  {
    replications: { type: "string", default: "20" },
    seeds: { type: "string", default: "20" },
    rate: { type: "string", default: "0.001" },
    "disk-scale": { type: "string" },
    workers: { type: "string" },
  },
  true,
);
const N = Number(values.replications);
const M = Number(values.seeds);
const rate = Number(values.rate);
const workers = values.workers ? Number(values.workers) : defaultWorkers();
const diskScale = values["disk-scale"] ? Number(values["disk-scale"]) : undefined;
if (!(Number.isInteger(N) && N >= 2)) refuse(USAGE, `--replications must be a whole number >= 2, got ${values.replications}`);
if (!(Number.isInteger(M) && M >= 1)) refuse(USAGE, `--seeds must be a whole number >= 1, got ${values.seeds}`);
if (!(rate > 0 && rate < 1)) refuse(USAGE, `--rate must be a number between 0 and 1, got ${values.rate}`);
if (!(Number.isInteger(workers) && workers >= 1)) refuse(USAGE, `--workers must be a whole number >= 1, got ${values.workers}`);
if (diskScale !== undefined && !(diskScale > 0)) refuse(USAGE, `--disk-scale must be a number > 0, got ${values["disk-scale"]}`);
if (positionals.length === 0) refuse(USAGE, "no scenario files given");

/** The same configuration with every node's disk latency scaled (the scaledBeta or constant disk of the examples). */
function slowerDisk(config, scale) {
  const disk = config.world.cluster.node.disk;
  const scaled = { ...disk };
  for (const key of ["min", "max", "value", "mean", "median"]) if (typeof disk[key] === "number") scaled[key] = disk[key] * scale;
  return { ...config, world: { ...config.world, cluster: { ...config.world.cluster, node: { ...config.world.cluster.node, disk: scaled } } } };
}

let totalRuns = 0;
let totalAlarms = 0;
for (const file of positionals) {
  let scenario;
  try {
    scenario = loadAnyScenario(file);
  } catch (error) {
    // A file that cannot be read or is not a valid scenario: its problems, as relisim prints them.
    if (!(error instanceof ScenarioError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (isFleetScenario(scenario)) {
    console.log(`${file}: fleet scenario, skipped (its pin is the check's own batch means)`);
    continue;
  }
  const started = performance.now();
  const check = checkScenario(scenario);
  const runs = await pinClusterRuns(scenario, check, { replications: N, workers });
  const pinS = (performance.now() - started) / 1000;
  const pin = { format: PIN_FORMAT, header: resultHeader(scenario, check.seed), replications: N, runs };
  const configs = check.runs.map((r) => (r.name === "base" ? scenario.base : scenario.variants.find((v) => v.name === r.name)).config);
  const tasks = [];
  for (let j = 1; j <= M; j++) {
    configs.forEach((config, k) => tasks.push({ kind: "clusterOutcome", config: diskScale ? slowerDisk(config, diskScale) : config, seed: check.seed + j, index: 0, run: k }));
  }
  const results = await runTasks(tasks.map(({ run, ...task }) => task), workers);
  let alarms = 0;
  const flagged = [];
  for (let j = 0; j < M; j++) {
    const current = {};
    check.runs.forEach((r, k) => {
      const res = results[j * configs.length + k];
      current[pinRunName(r.name)] = { fingerprint: res.fingerprint, outcome: res.figures };
    });
    const verdict = comparePinned(pin, { ...pin.header, seed: check.seed + 1 + j }, current, { falseAlarmRate: rate, tolerance: scenario.pin });
    if (verdict.kind === "moved") {
      alarms++;
      const m = verdict.mismatches[0];
      flagged.push(`seed ${check.seed + 1 + j}: ${verdict.mismatches.length} figure(s), first ${m.run} · ${m.field} = ${m.actual} (pinned mean ${m.pinned}, z ${m.z?.toFixed(1)})`);
    }
  }
  totalRuns += M;
  totalAlarms += alarms;
  const figures = Object.values(runs).reduce((n, r) => n + Object.keys(r.figures).length, 0);
  console.log(`${file}: pinned ${figures} figures over ${N} replications in ${pinS.toFixed(1)} s; ${M} seeds${diskScale ? ` with disks ×${diskScale}` : ""}: ${alarms} flagged`);
  for (const line of flagged) console.log(`    ${line}`);
}
console.log(`total: ${totalAlarms} of ${totalRuns} runs flagged at a false-alarm rate of ${rate} per scenario run`);
