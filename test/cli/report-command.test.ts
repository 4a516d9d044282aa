import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/** `relisim report` and `--html` end to end. Needs a built dist/ (`npx tsc -p .`, or `npm test`). */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TINY = join(ROOT, "test", "fixtures", "cli", "tiny.yaml");
const RESULTS = join(ROOT, "test", "fixtures", "report");

async function relisim(args: readonly string[]) {
  const r = await cli(args);
  return r;
}

const scratch = () => mkdtempSync(join(tmpdir(), "relisim-report-cli-"));
const svgs = (file: string) => readFileSync(file, "utf8").match(/<svg/g)?.length ?? 0;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run `npx tsc -p .` first");
});

describe("relisim report", () => {
  test("writes report.html into a results directory and says so", async () => {
    const dir = scratch();
    cpSync(join(RESULTS, "sweep"), dir, { recursive: true });
    const r = await relisim(["report", dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote ${join(dir, "report.html")}\n`);
    expect(readdirSync(dir).sort()).toEqual(["report.html", "sweep.csv", "sweep.json"]);
    expect(svgs(join(dir, "report.html"))).toBe(3);
  });

  test("a directory without results is bad input: exit 2, what was expected, nothing written", async () => {
    const dir = scratch();
    const r = await relisim(["report", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no result files: expected summary.json (+ windows.csv), compare.json, sweep.json or decide.json");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("results of an older relisim are bad input: exit 2, the field and what to do, no stack", async () => {
    const dir = scratch();
    const summary = JSON.parse(readFileSync(join(RESULTS, "run", "summary.json"), "utf8"));
    delete summary.outcome.frequency;
    summary.outcome.failureFrequencyPerDay = 720;
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    const r = await relisim(["report", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("outcome.failureFrequencyPerDay: written by an older relisim");
    expect(r.stderr).toContain("re-run with this relisim");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(dir)).toEqual(["summary.json"]);
  });

  test("is listed in --help, with an example in its own help", async () => {
    expect((await relisim(["--help"])).stdout).toMatch(/report \[options\] <results-dir>/);
    expect((await relisim(["report", "--help"])).stdout).toContain("relisim report results/retry-storm");
  });
});

describe("--html", () => {
  test("run --html writes report.html beside the result files; stdout is still the summary", async () => {
    const out = join(scratch(), "run");
    const r = await relisim(["run", TINY, "--out", out, "--html", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^tiny — seed 3/);
    expect(readdirSync(out).sort()).toEqual(["episodes.csv", "report.html", "summary.json", "windows.csv"]);
    expect(svgs(join(out, "report.html"))).toBe(3);
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const label of ["Latency per window, client-observed", "<caption>Latency, client-observed (ms)</caption>", "<caption>Latency, successes only (ms)</caption>"]) {
      expect(html).toContain(label);
    }
    // tiny.yaml's faults are scripted: no rate anywhere.
    expect(html).not.toContain("per day");
  });

  test("compare --html writes the comparison's report", async () => {
    const out = join(scratch(), "compare");
    const r = await relisim(["compare", TINY, "--vary", "cluster.consistency.read=ONE,ALL", "--out", out, "--html", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["compare.json", "read=ALL", "read=ONE", "report.html"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("<th>read=ONE</th><th>read=ALL</th>");
    // The comparison's bars, then each variant's three timelines.
    expect(svgs(join(out, "report.html"))).toBeGreaterThanOrEqual(7);
  });

  test("sweep --html writes the curves", async () => {
    const out = join(scratch(), "sweep");
    const r = await relisim(["sweep", join(RESULTS, "tiny-fleet.yaml"), "--replications", "2", "--out", out, "--html", "--quiet"]);
    expect(r.status, r.stderr).toBe(0);
    // runs/ keeps each finished replication, so a rerun resumes.
    expect(readdirSync(out).sort()).toEqual(["report.html", "runs", "sweep.csv", "sweep.json"]);
    expect(svgs(join(out, "report.html"))).toBe(3);
  });

  test("without --html no report is written", async () => {
    const out = join(scratch(), "plain");
    expect((await relisim(["run", TINY, "--out", out, "--quiet"])).status).toBe(0);
    expect(readdirSync(out)).not.toContain("report.html");
  });
});
