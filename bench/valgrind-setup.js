// What bench/cache-misses.js and bench/where-cost.js share: the simulated caches, how node runs
// under valgrind, and their checks of the machine and the build they are given.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

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
