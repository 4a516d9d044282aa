import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";

/**
 * Each kind of result the CLI writes, straight into `--html`: the report must read what the
 * current CLI writes, not only the fixtures. Needs a built dist/ (`npx tsc -p .`).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "relisim.js");
const TINY = join(ROOT, "test", "fixtures", "cli", "tiny.yaml");

/** Runs relisim with --html into a fresh directory; returns the report's HTML. */
function htmlOf(args: readonly string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), "relisim-report-e2e-")), "out");
  const r = spawnSync(process.execPath, [BIN, ...args, "--out", out, "--html", "--quiet", "--workers", "1"], { encoding: "utf8", timeout: 120_000 });
  if (r.error) throw r.error;
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe("");
  return readFileSync(join(out, "report.html"), "utf8");
}

const svgs = (html: string) => html.match(/<svg/g)?.length ?? 0;
const headings = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run `npx tsc -p .` first");
});

describe("--html on what the CLI writes now", () => {
  test("compare: the comparison, then each variant's timelines from its directory", () => {
    const html = htmlOf(["compare", TINY, "--vary", "workload.rate=20/s,50/s"]);
    expect(headings(html)).toEqual(["Compare: tiny", "Run: tiny [rate=20/s]", "Run: tiny [rate=50/s]"]);
    // The bars, the two overlays (p99, error rate), then each variant's 3 timelines.
    expect(svgs(html)).toBe(1 + 2 + 2 * 3);
  });

  test("compare --replications: bars with error bars, one panel per headline figure", () => {
    const html = htmlOf(["compare", TINY, "--vary", "workload.rate=20/s,50/s", "--replications", "2"]);
    expect(headings(html)).toEqual(["Compare: tiny"]);
    // One panel per headline figure, client-observed latency first.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(12);
    expect(html.indexOf(">p50 ms client-observed<")).toBeLessThan(html.indexOf(">episodes<"));
  });

  test("run --replications: the same, for one variant", () => {
    const html = htmlOf(["run", TINY, "--replications", "2"]);
    expect(headings(html)).toEqual(["Run: tiny"]);
    expect(html).toContain("2 replications");
    expect(svgs(html)).toBe(1);
  });

  test("a cluster sweep: curves with bands against the numeric axis", () => {
    const html = htmlOf(["sweep", TINY, "--grid", "cluster.regions[0].nodesPerZone=1,2", "--replications", "2"]);
    expect(svgs(html)).toBe(5);
    expect(html.match(/class="mark-area role-mark/g)).toHaveLength(5);
  });
});
