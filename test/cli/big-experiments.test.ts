import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

const CLUSTER = `
name: tiny-cluster
seed: 5
duration: 1m
cluster:
  regions:
    - { name: r1, zones: [r1a, r1b, r1c], nodesPerZone: 1, replicationFactor: 3 }
workload: { rate: 150/s }
`;

const dir = mkdtempSync(join(tmpdir(), "relisim-big-"));
const file = join(dir, "tiny-cluster.yaml");
writeFileSync(file, CLUSTER);
const GRID = ["--grid", "cluster.consistency.read=ONE,ALL", "--grid", "workload.rate=100/s,300/s"];
const sweep = (out: string, ...extra: string[]) =>
  relisim(["sweep", file, ...GRID, "--replications", "3", "--out", out, "--quiet", ...extra]);
const read = (path: string) => readFileSync(path, "utf8");
const runFiles = (out: string) => readdirSync(join(out, "runs")).filter((f) => /^[0-9a-f]{16}-\d+\.json$/.test(f));

// The reference: one machine, one worker thread.
const reference = join(dir, "one-worker");
const first = await sweep(reference, "--workers", "1");

test("a cluster sweep gives one row per point; 1 and 2 worker threads write the same bytes", async () => {
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/4 points × 3 replications/);
  const csv = read(join(reference, "sweep.csv")).trim().split("\n");
  expect(csv).toHaveLength(5);
  expect(csv[0]).toMatch(/^cluster\.consistency\.read,workload\.rate,replications,episodes_mean,/);
  const two = await sweep(join(dir, "two-workers"), "--workers", "2");
  expect(two.status, two.stderr).toBe(0);
  expect(read(join(dir, "two-workers", "sweep.csv"))).toBe(read(join(reference, "sweep.csv")));
  expect(read(join(dir, "two-workers", "sweep.json"))).toBe(read(join(reference, "sweep.json")));
});

test("shards from the environment of batch systems, merged, give exactly the unsharded files", async () => {
  const out = join(dir, "sharded");
  const envs: Record<string, string>[] = [{ JOB_COMPLETION_INDEX: "0" }, { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "1" }, { AWS_BATCH_JOB_ARRAY_INDEX: "2" }];
  for (const env of envs) {
    const r = await relisim(["sweep", file, ...GRID, "--replications", "3", "--out", out, "--quiet", "--shard", "auto/3", "--workers", "1"], { env });
    expect(r.status, r.stderr).toBe(0);
  }
  const shards = readdirSync(out).filter((f) => f.startsWith("sweep-shard-")).sort();
  expect(shards).toEqual(["sweep-shard-0-of-3.json", "sweep-shard-1-of-3.json", "sweep-shard-2-of-3.json"]);
  // Each shard holds a third of the 12 replications.
  for (const s of shards) {
    const doc = JSON.parse(read(join(out, s))) as { points: Array<{ replications: Record<string, unknown> }> };
    expect(doc.points.reduce((a, p) => a + Object.keys(p.replications).length, 0)).toBe(4);
  }
  const merged = join(dir, "merged");
  const m = await relisim(["merge", ...shards.map((s) => join(out, s)), "--out", merged, "--quiet"]);
  expect(m.status, m.stderr).toBe(0);
  expect(m.stdout).toBe(first.stdout);
  expect(read(join(merged, "sweep.csv"))).toBe(read(join(reference, "sweep.csv")));
  expect(read(join(merged, "sweep.json"))).toBe(read(join(reference, "sweep.json")));
  // A missing shard is refused, naming it.
  const partial = await relisim(["merge", join(out, shards[0]), join(out, shards[2]), "--out", join(dir, "partial")]);
  expect(partial.status).toBe(2);
  expect(partial.stderr).toMatch(/shards 1 of 3 are missing/);
});

test("an interrupted sweep resumes: finished replications are not recomputed, none is duplicated", async () => {
  const out = join(dir, "interrupted");
  // Kill a sweep (SIGKILL: no cleanup at all) once a few replications are on disk.
  const child = spawn("node", ["bin/relisim.js", "sweep", file, ...GRID, "--replications", "3", "--out", out, "--quiet", "--workers", "1"], { stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      let n = 0;
      try {
        n = runFiles(out).length;
      } catch {
        // not created yet
      }
      if (n >= 3) {
        clearInterval(poll);
        child.kill("SIGKILL");
        resolve();
      }
    }, 20);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (code === 0) reject(new Error("the sweep finished before it could be interrupted"));
      else resolve();
    });
  });
  await new Promise((r) => setTimeout(r, 50));
  const before = runFiles(out);
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(before.length).toBeLessThan(12);
  const mtimes = new Map(before.map((f) => [f, statSync(join(out, "runs", f)).mtimeMs]));
  const resumed = await relisim(["sweep", file, ...GRID, "--replications", "3", "--out", out, "--workers", "1"]);
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(resumed.stderr).toContain(`resuming: ${before.length} finished replications`);
  for (const f of before) expect(statSync(join(out, "runs", f)).mtimeMs).toBe(mtimes.get(f)); // not rewritten
  expect(runFiles(out)).toHaveLength(12); // one file per (point, replication): no duplicates
  expect(readdirSync(join(out, "runs")).filter((f) => f.includes(".tmp-"))).toEqual([]);
  expect(read(join(out, "sweep.csv"))).toBe(read(join(reference, "sweep.csv")));
  // A changed scenario is not mixed with these results.
  const changed = await relisim(["sweep", file, ...GRID, "--replications", "3", "--out", out, "--set", "duration=2m"]);
  expect(changed.status).toBe(2);
  expect(changed.stderr).toMatch(/holds results of another scenario or seed .* use --out elsewhere, or --fresh/);
});

test("--fresh discards only the replications relisim wrote, and touches nothing in a directory it did not make", async () => {
  // A directory of replications relisim wrote: a copy of the reference sweep's (the same command).
  const own = join(dir, "fresh-own");
  expect(first.status).toBe(0);
  cpSync(reference, own, { recursive: true });
  const fresh = await sweep(own, "--workers", "1", "--fresh");
  expect(fresh.status, fresh.stderr).toBe(0);
  expect(fresh.stderr).not.toContain("resuming");
  expect(runFiles(own)).toHaveLength(12);

  const foreign = join(dir, "fresh-foreign");
  mkdirSync(join(foreign, "runs", "sub"), { recursive: true });
  writeFileSync(join(foreign, "runs", "precious.txt"), "keep me");
  for (const extra of [["--fresh"], []]) {
    const r = await sweep(foreign, "--workers", "1", ...extra);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a relisim sweep's directory of replications: it holds precious\.txt, sub, which relisim did not write/);
  }
  expect(readdirSync(join(foreign, "runs")).sort()).toEqual(["precious.txt", "sub"]);
  expect(read(join(foreign, "runs", "precious.txt"))).toBe("keep me");
});

test("run --replications reports mean, sd and a 95% interval per headline figure", async () => {
  const r = await relisim(["run", file, "--replications", "4", "--workers", "2", "--json", "--out", join(dir, "run")]);
  expect(r.status, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { variants: { base: { replications: number; estimate: Record<string, { mean: number; ci95Low: number; ci95High: number }>; figures: Record<string, number[]> } } };
  const base = doc.variants.base;
  expect(base.replications).toBe(4);
  const p99 = base.estimate.latencyP99Ms;
  expect(base.figures.latencyP99Ms).toHaveLength(4);
  expect(p99.ci95Low).toBeLessThan(p99.mean);
  expect(p99.mean).toBeLessThan(p99.ci95High);
});

test("run --check-determinism runs twice and finds the same fingerprints", async () => {
  const r = await relisim(["run", file, "--check-determinism", "--quiet"]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^deterministic: two runs of tiny-cluster on seed 5 fired [\d,]+ events each/);
});
