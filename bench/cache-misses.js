// Cache misses per request, counted rather than timed: the scaled cluster slice (fixed load per
// node, as in scaling.js) under valgrind's cachegrind, with its last level the size of one core's
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
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clusterSets, PER_NODE_RATE } from "./scaling.js";

const HERE = fileURLToPath(import.meta.url);
const FILE = new URL("./cluster-slice.yaml", import.meta.url).pathname;
const OURS = new URL("../dist", import.meta.url).pathname;
/** Requests of the short and the long run (the short one is mostly start-up). */
const SHORT = 20_000;
const LONG = 100_000;

/** In the child: one run of `requests` requests at `nodes` nodes; prints the requests simulated. */
async function child(dist, nodes, requests) {
  const { simulate } = await import(pathToFileURL(`${dist}/experiment/simulate.js`).href);
  const { loadScenario } = await import(pathToFileURL(`${dist}/scenario/load-scenario.js`).href);
  // clusterSets runs at least a second; here the length is what sets the requests.
  const { sets } = clusterSets(nodes / 3, requests);
  const rate = Math.round(PER_NODE_RATE * nodes);
  sets[sets.length - 1] = `duration=${Math.max(1, Math.round((requests / rate) * 1000))}ms`;
  const run = simulate(loadScenario(FILE, { sets }).base.config, 1);
  console.log(JSON.stringify({ requests: run.outcome.requests.total, fingerprint: run.engine.fingerprint }));
}

/**
 * One run under cachegrind: requests, instructions and L2-sized last-level data misses. With
 * optimization on the main thread the instructions repeat too (two runs of one build: 0.1% apart);
 * compiled on background threads, they landed in one run or the other and swamped the difference.
 */
function measure(dist, nodes, requests) {
  const args = ["--tool=cachegrind", "--cache-sim=yes", "--D1=32768,8,64", "--LL=1048576,16,64", "--smc-check=all-non-file", "--cachegrind-out-file=/dev/null"];
  // Everything on the main thread (optimizing, and the collector's work): under valgrind a
  // background compile lags far behind, and the run would count misses of unoptimized code for
  // longer than it ever runs outside valgrind; with helper threads, two runs of one build
  // differed by 13 misses a request, single-threaded by 0.002% (short runs).
  const node = [process.execPath, "--single-threaded"];
  const out = spawnSync("valgrind", [...args, ...node, HERE, "--child", dist, String(nodes), String(requests)], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`valgrind failed (${out.status}): ${out.stderr.slice(-2000)}`);
  const count = (label) => {
    const line = out.stderr.split("\n").find((l) => l.includes(label));
    return Number(line.split(":")[1].trim().split(/\s+/)[0].replaceAll(",", ""));
  };
  const result = JSON.parse(out.stdout.trim().split("\n").pop());
  return { ...result, instructions: count("I   refs"), l2Misses: count("LLd misses") };
}

function perRequest(dist, nodes) {
  const short = measure(dist, nodes, SHORT);
  const long = measure(dist, nodes, LONG);
  const requests = long.requests - short.requests;
  return {
    bench: `cache-misses-${nodes}`,
    dist,
    requests,
    instructionsPerRequest: Math.round((long.instructions - short.instructions) / requests),
    l2MissesPerRequest: Math.round((long.l2Misses - short.l2Misses) / requests),
    fingerprint: long.fingerprint,
  };
}

const argv = process.argv.slice(2);
if (argv[0] === "--child") {
  await child(argv[1], Number(argv[2]), Number(argv[3]));
} else {
  const at = argv.indexOf("--nodes");
  const nodes = at >= 0 ? Number(argv.splice(at, 2)[1]) : 768;
  if (!Number.isSafeInteger(nodes) || nodes < 3 || nodes % 3 !== 0) {
    console.error(`--nodes must be a whole multiple of 3 (3 zones), got ${nodes}`);
    process.exit(2);
  }
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    console.error("cache-misses needs valgrind on the PATH (e.g. apt install valgrind)");
    process.exit(2);
  }
  for (const dist of [OURS, ...argv.map((d) => resolve(d))]) {
    if (!existsSync(`${dist}/experiment/simulate.js`)) {
      console.error(`${dist} is not a built relisim dist directory (no experiment/simulate.js); run npm run build there`);
      process.exit(2);
    }
    console.log(JSON.stringify(perRequest(dist, nodes)));
  }
}
