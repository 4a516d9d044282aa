// Where a request's instructions and cache misses go, per function, counted rather than timed:
// the scaled cluster slice (as in cache-misses.js) under valgrind's callgrind with its cache
// simulation (D1 32 KiB, last level 1 MiB: one core's L2), twice (20,000 and 100,000 requests),
// differenced so start-up drops out. Node writes a map of its compiled JS code
// (--perf-basic-prof), which names the functions valgrind only knows by address; a JS function
// is counted with whatever TurboFan inlined into it. Deterministic: the same build gives the
// same table on a busy machine. A figure, not a test.
//
// Needs valgrind; each build takes a few CPU minutes at 768 nodes.
//
//   node bench/where-cost.js                              768 nodes, this build, top 30 by misses
//   node bench/where-cost.js --nodes 12 --by ir --top 40  12 nodes, by instructions
//   node bench/where-cost.js ../other/dist                another build
//   node bench/where-cost.js --rate 20000                 768 nodes at the 12-node slice's load
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CACHE_SIM, NODE, requireDist, requireValgrind, sizeOptions, takeOption } from "./valgrind-setup.js";

const CHILD = fileURLToPath(new URL("./cache-misses.js", import.meta.url));
const OURS = fileURLToPath(new URL("../dist", import.meta.url));
const SHORT = 20_000;
const LONG = 100_000;

/** One run under callgrind: the requests simulated, and per function [instructions, L2 data misses]. */
function profile(dist, nodes, rate, requests, dir) {
  const out = join(dir, `callgrind.${requests}`);
  const args = ["--tool=callgrind", ...CACHE_SIM, "--dump-instr=yes", `--callgrind-out-file=${out}`];
  // And the map of compiled code.
  const node = [...NODE, "--perf-basic-prof"];
  // In the temporary directory: --perf-basic-prof also writes V8's log (isolate-*.log) to the working directory.
  const run = spawnSync("valgrind", [...args, ...node, CHILD, "--child", dist, String(nodes), String(requests), String(rate)], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`valgrind failed (${run.status}): ${run.stderr.slice(-2000)}`);
  // Valgrind runs node in its own process, so the map is named after valgrind's pid.
  const mapFile = `/tmp/perf-${run.pid}.map`;
  const code = existsSync(mapFile) ? readCodeMap(mapFile) : { starts: [], entries: [] };
  rmSync(mapFile, { force: true });
  const costs = readCallgrind(out, code);
  rmSync(out, { force: true });
  return { requests: JSON.parse(run.stdout.trim().split("\n").pop()).requests, costs };
}

/** perf-PID.map lines "start size name", sorted by start. */
function readCodeMap(file) {
  const entries = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [start, size, ...name] = line.split(" ");
    if (name.length === 0) continue;
    // "JS:*name file:///…/dist/model/x.js:12:3" → "name model/x.js:12"; * (optimized) and ~ dropped.
    const label = name.join(" ").replace(/^JS:[*~^+-]?/, "").replace(/file:\/\/\/.*?\/dist\//, "").replace(/:\d+$/, "");
    entries.push({ start: parseInt(start, 16), end: parseInt(start, 16) + parseInt(size, 16), label });
  }
  entries.sort((a, b) => a.start - b.start);
  return { starts: entries.map((e) => e.start), entries };
}

function codeAt(code, address) {
  let lo = 0;
  let hi = code.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code.starts[mid] <= address) lo = mid + 1;
    else hi = mid - 1;
  }
  const e = code.entries[hi];
  return e !== undefined && address < e.end ? e.label : undefined;
}

/**
 * Self costs per function from a callgrind file written with --dump-instr=yes (positions:
 * instr line). JIT code is named by the code map; native code by callgrind's own names. The cost
 * line after each calls= line is the call's inclusive cost and is left out.
 */
function readCallgrind(file, code) {
  const names = new Map();
  const costs = new Map();
  let events = [];
  let fn = "?";
  let address = 0;
  let skipNext = false;
  const name = (spec) => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(spec);
    if (!m) return spec;
    if (m[2] !== undefined) names.set(m[1], m[2]);
    return names.get(m[1]) ?? "?";
  };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const c = line.charCodeAt(0);
    const isCost = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42; // digit + - *
    if (isCost) {
      const parts = line.split(" ");
      const p = parts[0];
      if (p.startsWith("0x")) address = parseInt(p, 16);
      else if (p.startsWith("+")) address += Number(p.slice(1)); // relative: decimal
      else if (p.startsWith("-")) address -= Number(p.slice(1));
      else if (p !== "*") address = Number(p);
      if (skipNext) {
        skipNext = false;
        continue;
      }
      const label = codeAt(code, address) ?? `native ${fn}`;
      let cost = costs.get(label);
      if (cost === undefined) costs.set(label, (cost = [0, 0]));
      for (let i = 2; i < parts.length; i++) {
        const event = events[i - 2];
        const v = Number(parts[i]);
        if (event === "Ir") cost[0] += v;
        else if (event === "DLmr" || event === "DLmw") cost[1] += v;
      }
    } else if (line.startsWith("events:")) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith("calls=")) skipNext = true;
    else if (line.startsWith("fn=")) fn = name(line.slice(3));
    else if (line.startsWith("cfn=")) name(line.slice(4)); // defines a name fn= may use later
  }
  return costs;
}

const argv = process.argv.slice(2);
function option(flag, fallback) {
  return takeOption(argv, flag) ?? fallback;
}
const { nodes, rate } = sizeOptions(argv);
const topArg = option("--top", "30");
const top = Number(topArg);
const by = option("--by", "misses");
if (!Number.isSafeInteger(top) || top < 1) {
  console.error(`--top must be a whole number >= 1, got ${topArg}`);
  process.exit(2);
}
if (by !== "misses" && by !== "ir") {
  console.error(`--by must be misses or ir, got ${by}`);
  process.exit(2);
}
const dist = resolve(argv[0] ?? OURS);
requireDist(dist);
requireValgrind("where-cost");

const dir = mkdtempSync(join(tmpdir(), "relisim-where-"));
try {
  const short = profile(dist, nodes, rate, SHORT, dir);
  const long = profile(dist, nodes, rate, LONG, dir);
  const requests = long.requests - short.requests;
  const rows = [...long.costs].map(([label, [ir, misses]]) => {
    const [ir0, misses0] = short.costs.get(label) ?? [0, 0];
    return { label, ir: (ir - ir0) / requests, misses: (misses - misses0) / requests };
  });
  const key = by === "ir" ? "ir" : "misses";
  const total = { ir: rows.reduce((s, r) => s + r.ir, 0), misses: rows.reduce((s, r) => s + r.misses, 0) };
  console.log(`${dist}, ${nodes} nodes at ${rate} requests/s: per request ${Math.round(total.ir)} instructions, ${total.misses.toFixed(0)} L2 data misses (difference of ${LONG} and ${SHORT} requests)`);
  console.log("instructions   share   L2 misses   share   function (with what it inlines)");
  for (const r of rows.sort((a, b) => b[key] - a[key]).slice(0, top)) {
    const share = (v, t) => `${((100 * v) / t).toFixed(1).padStart(5)}%`;
    console.log(`${r.ir.toFixed(0).padStart(12)}  ${share(r.ir, total.ir)}  ${r.misses.toFixed(1).padStart(10)}  ${share(r.misses, total.misses)}   ${r.label.slice(0, 110)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
