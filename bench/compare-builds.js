// `npm run bench:compare -- <other dist dir> [rounds] [--nodes N | --fleet C]`: the cluster slice
// (or the scaled slice of N nodes, or the fleet bench of C clusters) on two builds, loaded in
// one process and run in turn, so that both see the same machine, each timed by the process's
// CPU time (a busy machine stretches wall time far more). On a shared machine whose speed drifts
// by ±20% over minutes, runs timed one after the other cannot show a 3% change; the ratio of two
// runs made seconds apart can. Prints one JSON line; a figure, not a test. Rates are per CPU second.
//
// Half the rounds run in a process that loads and runs the other build first, half in one that
// loads and runs ours first, in mirrored sequences. With one sequence, the same build compared
// with itself measured 0.98–0.987× (20 rounds at 12 nodes, nearly every one below 1), and 1.012×
// with the alternation's parity flipped: the garbage a run leaves falls on its successors in a
// pattern that repeats with the alternation. (A full GC before every run removed the bias but
// slowed every run, 1.2 s to 1.5–4 s at 12 nodes, so it is not done.)
//
//   git worktree add ../relisim-base <rev> && (cd ../relisim-base && npm ci)
//   npm run bench:compare -- ../relisim-base/dist
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clusterSets } from "./scaling.js";

const FILE = new URL("./cluster-slice.yaml", import.meta.url).pathname;
const OURS = new URL("../dist", import.meta.url).pathname;
const WARM_UP_ROUNDS = 2;

const args = process.argv.slice(2);
/** In a child: which build it loads first (0: the other, 1: ours). */
const childFirst = option("--child-first", 0);
/** Takes `--name value` out of args. */
function option(name, min = 1) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    console.error(`${name} must be a whole number >= ${min}, got ${value}`);
    process.exit(2);
  }
  return n;
}
const nodes = option("--nodes");
const clusters = option("--fleet");
if (nodes !== undefined && nodes % 3 !== 0) {
  console.error(`--nodes must be a multiple of 3 (3 zones), got ${nodes}`);
  process.exit(2);
}
const [otherArg, roundsArg = "12"] = args;
if (!otherArg) {
  console.error("usage: npm run bench:compare -- <other build's dist directory> [rounds, default 12] [--nodes N | --fleet C]");
  process.exit(2);
}
const other = resolve(otherArg);
const rounds = Number(roundsArg);
if (!Number.isSafeInteger(rounds) || rounds < 1) {
  console.error(`rounds must be a whole number >= 1, got ${roundsArg}`);
  process.exit(2);
}
for (const dir of [other, OURS]) {
  if (!existsSync(`${dir}/experiment/simulate.js`)) {
    console.error(`${dir} is not a built relisim dist directory (no experiment/simulate.js); run npm run build there`);
    process.exit(2);
  }
}

/** Process CPU time (user + system, every thread: GC included) since `start`, in seconds. */
function cpuSecondsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

async function load(dist) {
  if (clusters !== undefined) return loadFleet(dist);
  const { simulate } = await import(pathToFileURL(`${dist}/experiment/simulate.js`).href);
  const { loadScenario } = await import(pathToFileURL(`${dist}/scenario/load-scenario.js`).href);
  // 400 k requests a round: the 12-node slice's 20 s.
  const sets = nodes === undefined ? ["duration=20s"] : clusterSets(nodes / 3, 400_000).sets;
  const config = loadScenario(FILE, { sets }).base.config;
  return () => {
    const t0 = process.cpuUsage();
    const run = simulate(config, 1);
    return { perS: run.outcome.requests.total / cpuSecondsSince(t0), fingerprint: run.engine.fingerprint };
  };
}

/** The fleet bench: clusters simulated per second; its "fingerprint" is the outcome's figures. */
async function loadFleet(dist) {
  const { simulateFleetWithin } = await import(pathToFileURL(`${dist}/experiment/fleet-experiment.js`).href);
  const { loadFleetScenario } = await import(pathToFileURL(`${dist}/scenario/load-fleet-scenario.js`).href);
  const file = new URL("./fleet-slice.yaml", import.meta.url).pathname;
  const config = loadFleetScenario(file, { sets: [`fleet.clusters=${clusters}`] }).base.config;
  return () => {
    const t0 = process.cpuUsage();
    const outcome = simulateFleetWithin(config, 1);
    return { perS: clusters / cpuSecondsSince(t0), fingerprint: JSON.stringify(outcome) };
  };
}

/** `rounds` rounds in this process, loading build `first` first; per build (0: other, 1: ours) its rates and fingerprints. */
async function measure(first) {
  const builds = [];
  builds[first] = await load(first === 0 ? other : OURS);
  builds[1 - first] = await load(first === 0 ? OURS : other);
  const perS = [[], []];
  const fingerprints = [new Set(), new Set()];
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    // Alternate which build goes first, so neither always runs on the warmer or colder half; the
    // build loaded first also runs first, so the two processes mirror each other run for run.
    for (const b of round % 2 === 0 ? [first, 1 - first] : [1 - first, first]) {
      const { perS: r, fingerprint } = builds[b]();
      fingerprints[b].add(fingerprint);
      if (round >= WARM_UP_ROUNDS) perS[b].push(r);
    }
    const text = `${first === 0 ? "other" : "ours"} loaded first: round ${round + 1}/${WARM_UP_ROUNDS + rounds}`;
    // On a terminal, one line rewritten in place; in a log, a line each (a \r there joins them into one).
    process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
  }
  if (process.stderr.isTTY) process.stderr.write("\n");
  return { perS, fingerprints: fingerprints.map((f) => [...f]) };
}

if (childFirst !== undefined) {
  console.log(JSON.stringify(await measure(childFirst)));
  process.exit(0);
}

/** Both load orders, each in a process of its own, with half the rounds each (the first gets the odd one). */
const perS = [[], []];
const fingerprints = [new Set(), new Set()];
const halves = [Math.ceil(rounds / 2), Math.floor(rounds / 2)];
for (const first of [0, 1]) {
  if (halves[first] === 0) continue;
  const passed = [other, String(halves[first]), ...(nodes !== undefined ? ["--nodes", String(nodes)] : []), ...(clusters !== undefined ? ["--fleet", String(clusters)] : [])];
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...passed, "--child-first", String(first)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
  const child = JSON.parse(out);
  for (const b of [0, 1]) {
    perS[b].push(...child.perS[b]);
    for (const f of child.fingerprints[b]) fingerprints[b].add(f);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ratios = perS[1].map((ours, i) => ours / perS[0][i]).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: clusters !== undefined ? `fleet-${clusters}-compare` : `cluster-slice${nodes ? `-${nodes}` : ""}-compare`,
    other,
    rounds,
    [clusters !== undefined ? "otherClustersPerS" : "otherRequestsPerS"]: Math.round(median(perS[0])),
    [clusters !== undefined ? "oursClustersPerS" : "oursRequestsPerS"]: Math.round(median(perS[1])),
    ratioMedian: Number(median(ratios).toFixed(3)),
    ratioMin: Number(ratios[0].toFixed(3)),
    ratioMax: Number(ratios[ratios.length - 1].toFixed(3)),
    sameFingerprint: [...fingerprints[0]].join() === [...fingerprints[1]].join(),
  }),
);
