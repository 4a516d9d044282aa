// Cache misses per request, counted rather than timed: the scaled cluster slice (fixed load per
// node, as in scaling.js, or the load `--rate` gives) under valgrind's cachegrind, with its last level the size of one core's
// L2 (1 MiB) and D1 32 KiB. Two runs of different lengths, differenced, leave out start-up; what
// remains is the steady state's misses per request. A simulated cache does not care how busy the
// machine is, so a change of a few percent shows on one run where CPU time needs many rounds.
// At 768 nodes the extra CPU time per request tracks the extra L2 misses (about 25 ns each).
// Caution: the count depends on the heap's layout, which moves with the path of the dist
// directory (one build counted 285 misses a request at 768 nodes from one path, 356 from
// another) and, per run, with where scavenges fall (about ±6). Compare builds from paths of
// the same length, over more than one pair of runs; misses inside the collector are sequential
// copies that prefetching hides, so they cost less than the rest.
//
// Needs valgrind (apt install valgrind); each size takes a minute or two of CPU per build.
//
//   node bench/cache-misses.js                         768 nodes, this build
//   node bench/cache-misses.js --nodes 12 ../other/dist  12 nodes, this build and another
//   node bench/cache-misses.js --rate 20000              768 nodes offered the 12-node slice's load:
//                                                        what the size alone costs, without the
//                                                        64 times as many requests in flight
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clusterSets } from "./scaling.js";
import { CACHE_SIM, NODE, requireDist, requireValgrind, sizeOptions } from "./valgrind-setup.js";

const HERE = fileURLToPath(import.meta.url);
const FILE = new URL("./cluster-slice.yaml", import.meta.url).pathname;
const OURS = new URL("../dist", import.meta.url).pathname;
/** Requests of the short and the long run (the short one is mostly start-up). */
const SHORT = 20_000;
const LONG = 100_000;

/**
 * In the child: one run of `requests` requests at `nodes` nodes and `rate` requests a second in
 * all; prints the requests simulated.
 */
async function child(dist, nodes, requests, rate) {
  const { simulate } = await import(pathToFileURL(`${dist}/experiment/simulate.js`).href);
  const { loadScenario } = await import(pathToFileURL(`${dist}/scenario/load-scenario.js`).href);
  // clusterSets runs at least a second; here the length is what sets the requests.
  const { sets } = clusterSets(nodes / 3, requests);
  const ms = Math.max(1, Math.round((requests / rate) * 1000));
  const runSets = sets.map((set) => (set.startsWith("workload.rate=") ? `workload.rate=${rate}/s` : set.startsWith("duration=") ? `duration=${ms}ms` : set));
  const run = simulate(loadScenario(FILE, { sets: runSets }).base.config, 1);
  console.log(JSON.stringify({ requests: run.outcome.requests.total, fingerprint: run.engine.fingerprint }));
}

/**
 * One run under cachegrind: requests, instructions and L2-sized last-level data misses. With
 * optimization on the main thread the instructions repeat too (two runs of one build: 0.1% apart);
 * compiled on background threads, they landed in one run or the other and swamped the difference.
 */
function measure(dist, nodes, rate, requests) {
  const args = ["--tool=cachegrind", ...CACHE_SIM, "--cachegrind-out-file=/dev/null"];
  const out = spawnSync("valgrind", [...args, ...NODE, HERE, "--child", dist, String(nodes), String(requests), String(rate)], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`valgrind failed (${out.status}): ${out.stderr.slice(-2000)}`);
  const count = (label) => {
    const line = out.stderr.split("\n").find((l) => l.includes(label));
    return Number(line.split(":")[1].trim().split(/\s+/)[0].replaceAll(",", ""));
  };
  const result = JSON.parse(out.stdout.trim().split("\n").pop());
  return { ...result, instructions: count("I   refs"), l2Misses: count("LLd misses") };
}

function perRequest(dist, nodes, rate) {
  const short = measure(dist, nodes, rate, SHORT);
  const long = measure(dist, nodes, rate, LONG);
  const requests = long.requests - short.requests;
  return {
    bench: `cache-misses-${nodes}`,
    dist,
    ratePerS: rate,
    requests,
    instructionsPerRequest: Math.round((long.instructions - short.instructions) / requests),
    l2MissesPerRequest: Math.round((long.l2Misses - short.l2Misses) / requests),
    fingerprint: long.fingerprint,
  };
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  await child(argv[1], Number(argv[2]), Number(argv[3]), Number(argv[4]));
} else {
  const { nodes, rate } = sizeOptions(argv);
  requireValgrind("cache-misses");
  for (const dist of [OURS, ...argv.map((d) => resolve(d))]) {
    requireDist(dist);
    console.log(JSON.stringify(perRequest(dist, nodes, rate)));
  }
}
