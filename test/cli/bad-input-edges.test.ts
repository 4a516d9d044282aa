import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/** Inputs that once crashed with an internal error: each is now bad input (exit 2, a sentence) or runs. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TINY = join(ROOT, "test/fixtures/cli/tiny.yaml");
const relisim = (...args: string[]) => cli(args);

describe("inputs that used to crash", () => {
  test.each([
    [["validate", TINY, "--set", "clients.retries={baseFactor: 1e12}"], /clients\.retries\.baseFactor: must be <= 1000000/],
    [["validate", TINY, "--set", "workload.rate=1000000000000"], /workload\.rate: must be <= 100000000\/s/],
    [["validate", TINY, "--set", "workload.rate=4294967296/s"], /workload\.rate: must be <= 100000000\/s/],
    [["validate", TINY, "--set", "duration=*a"], /--set "duration=\*a": malformed value "\*a": Unresolved alias/],
    [["validate", TINY, "--set", "cluster.regions[0].nodesPerZone=1e9"], /nodesPerZone: must be <= 1000, got 1000000000/],
    [["validate", join(ROOT, "scenarios/vnodes-availability.yaml"), "--set", "fleet.nodesPerZone=4294967296"], /fleet\.nodesPerZone: must be <= 1000/],
  ])("%j: exit 2 with the path and what was wrong", async (args, message) => {
    const r = await relisim(...args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain("internal error");
  });

  test("a rate so small that no request comes in the clock's range runs, with no request", async () => {
    const out = mkdtempSync(join(tmpdir(), "relisim-rate-"));
    const r = await relisim("run", TINY, "--set", "workload.rate=1e-300", "--json", "--out", out);
    rmSync(out, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outcome.requests.total).toBe(0);
  });
});

test("a YAML merge key used as a value (!!merge <<) is named at its line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "relisim-merge-"));
  const file = join(dir, "merge.yaml");
  writeFileSync(file, `${readFileSync(TINY, "utf8")}variants:\n  v:\n    workload.rate: !!merge <<\n`);
  const r = await relisim("validate", file);
  rmSync(dir, { recursive: true, force: true });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/line \d+ variants\.v\["workload\.rate"\]: Symbol\(<<\) is not a value a scenario can hold/);
});

describe("fleet runs keep to --max-events too", () => {
  test("a fleet run sure to pass its budget is refused before it starts, with the estimate", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "relisim-fleet-budget-")), "out");
    // 20,000 clusters × 9 nodes × 0.1 failures a year × 100 years: 1.8 M failures, two events each at least.
    const r = await relisim("run", join(ROOT, "scenarios/maintenance-strategies.yaml"), "--set", "fleet.clusters=20000", "--set", "duration=100y", "--max-events", "1000", "--out", out);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/would fire at least [\d,]+ events \(two per node failure, one per maintenance step: [\d,]+ node failures over [\d,]+ nodes\), more than its event budget of 1,000/);
    expect(() => readFileSync(join(out, "summary.json"))).toThrow();
  });

  test("a fleet run past its budget stops with exit 2 and writes nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "relisim-fleet-budget-")), "out");
    // The estimate (about 84,000 events: failures and maintenance steps) is a lower bound: it fits, the run does not.
    const r = await relisim("run", join(ROOT, "test/fixtures/report/tiny-fleet.yaml"), "--set", "duration=5y", "--max-events", "90000", "--out", out);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/exceeded its event budget of 90,000 events at [\d.]+ s of simulated time/);
    expect(() => readFileSync(join(out, "summary.json"))).toThrow();
  });

  test("a fleet comparison and a fleet sweep keep to it as well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-fleet-budget-"));
    const compare = await relisim("compare", join(ROOT, "test/fixtures/report/tiny-fleet.yaml"), "--vary", "fleet.maintenance.everyDays=7,30", "--max-events", "1000", "--out", join(dir, "c"));
    expect(compare.status, compare.stderr).toBe(2);
    expect(compare.stderr).toMatch(/more than its event budget of 1,000/);
    const sweep = await relisim("sweep", join(ROOT, "test/fixtures/report/tiny-fleet.yaml"), "--max-events", "1000", "--workers", "1", "--out", join(dir, "s"));
    expect(sweep.status, sweep.stderr).toBe(2);
    expect(sweep.stderr).toMatch(/more than its event budget of 1,000/);
  });

  test("a fleet too large to build is refused when the file is read", async () => {
    const r = await relisim("validate", join(ROOT, "scenarios/maintenance-strategies.yaml"), "--set", "fleet.clusters=1000000");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fleet\.clusters: must be <= 100000, got 1000000/);
  });
});

describe("names longer than a file system allows (found by the fuzz test)", () => {
  test("a variant name of 5,000 letters is refused when the file is read, named by its start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-long-"));
    const file = join(dir, "long.yaml");
    // An explicit key (? …): YAML allows implicit keys of at most 1,024 characters.
    writeFileSync(file, `${readFileSync(TINY, "utf8")}\nvariants:\n  ? ${"x".repeat(5000)}\n  : { clients.perZone: 2 }\n`);
    const r = await relisim("validate", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`variants["${"x".repeat(60)}…"]: invalid key`);
    expect(r.stderr).toContain("must have at most 64 characters, got 5000");
  });

  test("a --vary value that makes a directory name too long is a sentence about --out, not a stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-long-"));
    const r = await relisim("compare", TINY, "--vary", `name=a,${"b".repeat(300)}`, "--out", join(dir, "out"), "--quiet");
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^--out: 1 problem\n {2}cannot write to ".*": a name in the path is longer than the file system allows\n$/);
  });
});

describe("replications are bounded (found by the fuzz test, 10,000 cases)", () => {
  test("a fleet file asking for 4,294,967,296 replications is refused when it is read, not run for ever", async () => {
    const r = await relisim("validate", join(ROOT, "scenarios/vnodes-availability.yaml"), "--set", "replications=4294967296");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("replications: must be <= 10000, got 4294967296");
  });

  test("so are the flags", async () => {
    const r = await relisim("run", TINY, "--replications", "1000000000000");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--replications must be at most 10,000, got "1000000000000"');
  });
});

describe("fleet times past what the engine can hold (found by the fuzz test)", () => {
  test("a maintenance pass every 10¹⁸ days is refused when the file is read", async () => {
    const r = await relisim("validate", join(ROOT, "scenarios/maintenance-strategies.yaml"), "--set", "fleet.maintenance={strategy: copyState, everyDays: 1000000000000000000}");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("fleet.maintenance.everyDays: must be <= 36500");
  });

  test("a failure rate so low that a node's uptime passes 2^53 µs is a fleet that never fails, not a crash", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "relisim-fleet-rare-")), "out");
    const r = await relisim("run", join(ROOT, "test/fixtures/report/tiny-fleet.yaml"), "--set", "fleet.failuresPerNodeYear=1e-300", "--set", "fleet.maintenance=false", "--out", out, "--json");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outcome.outagesPerYear.mean).toBe(0);
  });
});
