import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

/**
 * Each kind of result the CLI writes, straight into `--html`: the report must read what the
 * current CLI writes, not only the fixtures. Needs a built dist/ (`npx tsc -p .`).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TINY = join(ROOT, "test", "fixtures", "cli", "tiny.yaml");

/** Runs relisim with --html into a fresh directory; returns the report's HTML. */
async function htmlOf(args: readonly string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), "relisim-report-e2e-")), "out");
  const r = await relisim([...args, "--out", out, "--html", "--quiet", "--workers", "1"]);
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
  test("compare: the comparison, then each variant's timelines from its directory", async () => {
    const html = await htmlOf(["compare", TINY, "--vary", "workload.rate=20/s,50/s"]);
    expect(headings(html)).toEqual(["Compare: tiny", "Run: tiny [rate=20/s]", "Run: tiny [rate=50/s]"]);
    // The bars, the two overlays (p99, error rate), then each variant's 3 timelines.
    expect(svgs(html)).toBe(1 + 2 + 2 * 3);
  });

  test("compare --replications: bars with error bars, one panel per headline figure", async () => {
    const html = await htmlOf(["compare", TINY, "--vary", "workload.rate=20/s,50/s", "--replications", "2"]);
    expect(headings(html)).toEqual(["Compare: tiny"]);
    // One panel per headline figure, client-observed latency first.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(12);
    expect(html.indexOf(">p50 ms client-observed<")).toBeLessThan(html.indexOf(">episodes<"));
  });

  test("run --replications: the same, for one variant", async () => {
    const html = await htmlOf(["run", TINY, "--replications", "2"]);
    expect(headings(html)).toEqual(["Run: tiny"]);
    expect(html).toContain("2 replications");
    expect(svgs(html)).toBe(1);
  });

  test("a cluster sweep: curves with bands against the numeric axis", async () => {
    const html = await htmlOf(["sweep", TINY, "--grid", "cluster.regions[0].nodesPerZone=1,2", "--replications", "2"]);
    expect(svgs(html)).toBe(5);
    expect(html.match(/class="mark-area role-mark/g)).toHaveLength(5);
  });
});
