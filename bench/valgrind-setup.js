// What bench/cache-misses.js and bench/where-cost.js share: the simulated caches, how node runs
// under valgrind, the size and load they simulate, and their checks of the machine and the build
// they are given.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { PER_NODE_RATE } from "./scaling.js";

/** D1 32 KiB and a last level of 1 MiB (one core's L2), 64-byte lines; JIT code rewrites itself. */
export const CACHE_SIM = ["--cache-sim=yes", "--D1=32768,8,64", "--LL=1048576,16,64", "--smc-check=all-non-file"];

/**
 * Node with everything on the main thread (optimizing, and the collector's work): under valgrind
 * a background compile lags far behind, and the run would count misses of unoptimized code for
 * longer than it ever runs outside valgrind; with helper threads, two runs of one build differed
 * by 13 misses a request, single-threaded by 0.002% (short runs).
 */
export const NODE = [process.execPath, "--single-threaded"];

/** Exits with a message unless valgrind is on the PATH. */
export function requireValgrind(tool) {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    console.error(`${tool} needs valgrind on the PATH (e.g. apt install valgrind)`);
    process.exit(2);
  }
}

/** Exits with a message unless `dist` is a built relisim dist directory. */
export function requireDist(dist) {
  if (!existsSync(`${dist}/experiment/simulate.js`)) {
    console.error(`${dist} is not a built relisim dist directory (no experiment/simulate.js); run npm run build there`);
    process.exit(2);
  }
}

/** Takes `flag` and its value out of `argv`: the value, "nothing" when it has none, undefined without the flag. */
export function takeOption(argv, flag) {
  const at = argv.indexOf(flag);
  return at < 0 ? undefined : (argv.splice(at, 2)[1] ?? "nothing");
}

/**
 * Takes `--nodes N` (default 768) and `--rate R` (requests a second in all; default the same load
 * per node as the 12-node slice) out of `argv`; exits with a message when either is not whole.
 */
export function sizeOptions(argv) {
  const nodesArg = takeOption(argv, "--nodes");
  const rateArg = takeOption(argv, "--rate");
  const nodes = nodesArg === undefined ? 768 : Number(nodesArg);
  if (!Number.isSafeInteger(nodes) || nodes < 3 || nodes % 3 !== 0) {
    console.error(`--nodes must be a whole multiple of 3 (3 zones), got ${nodesArg}`);
    process.exit(2);
  }
  const rate = rateArg === undefined ? Math.round(PER_NODE_RATE * nodes) : Number(rateArg);
  if (!Number.isSafeInteger(rate) || rate < 1) {
    console.error(`--rate must be a whole number of requests a second >= 1, got ${rateArg}`);
    process.exit(2);
  }
  return { nodes, rate };
}
