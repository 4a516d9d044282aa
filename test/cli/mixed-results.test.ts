import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/** Results of different commands, seeds or comparisons in one directory never mix silently. */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "relisim-mixed-"));
  writeFileSync(join(scratch, "tiny.yaml"), readFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), "utf8"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function relisim(args: readonly string[]) {
  const r = await cli(args, { cwd: scratch });
  return { status: r.status, out: r.stdout + r.stderr };
}

test("a run on one seed and a comparison on another in one directory: the report says so and names each file's command, seed and hash", async () => {
  expect((await relisim(["run", "tiny.yaml", "--seed", "3", "--out", "mixed", "--quiet"])).status).toBe(0);
  expect((await relisim(["compare", "tiny.yaml", "--seed", "7", "--vary", "workload.rate=40/s,60/s", "--out", "mixed", "--quiet"])).status).toBe(0);
  const report = await relisim(["report", "mixed"]);
  expect(report.status, report.out).toBe(0);
  expect(report.out).toContain("note: This directory holds results of different runs: summary.json from relisim run (tiny-expect, seed 3, scenario hash");
  expect(report.out).toMatch(/compare\.json from relisim compare \(tiny-expect, seed 7, scenario hash [0-9a-f]{16}\)/);
  const html = readFileSync(join(scratch, "mixed", "report.html"), "utf8");
  expect(html).toContain('<p class="notice">This directory holds results of different runs');

  // One command's results alone: no notice.
  expect((await relisim(["run", "tiny.yaml", "--out", "alone", "--quiet"])).status).toBe(0);
  const alone = await relisim(["report", "alone"]);
  expect(alone.out).not.toContain("note:");
  expect(readFileSync(join(scratch, "alone", "report.html"), "utf8")).not.toContain('class="notice"');
});

test("a comparison rewritten with other variants takes away the old variants' directories, and only the files it wrote there", async () => {
  expect((await relisim(["compare", "tiny.yaml", "--vary", "workload.rate=40/s,60/s", "--out", "cmp", "--quiet"])).status).toBe(0);
  const old40 = join(scratch, "cmp", "rate=40_s");
  expect(existsSync(join(old40, "summary.json"))).toBe(true);
  // A file of the user's in one of them stays, and so does its directory.
  const old60 = join(scratch, "cmp", "rate=60_s");
  writeFileSync(join(old60, "notes.txt"), "mine");
  const again = await relisim(["compare", "tiny.yaml", "--vary", "workload.rate=45/s,55/s", "--out", "cmp"]);
  expect(again.status, again.out).toBe(0);
  expect(again.out).toContain("variants of the comparison this one replaces");
  expect(existsSync(old40)).toBe(false);
  expect(existsSync(join(old60, "summary.json"))).toBe(false);
  expect(readFileSync(join(old60, "notes.txt"), "utf8")).toBe("mine");
  expect(existsSync(join(scratch, "cmp", "rate=45_s", "summary.json"))).toBe(true);
});

test("a variant directory from another run (another seed) is left out of a comparison's report, and named", async () => {
  expect((await relisim(["compare", "tiny.yaml", "--vary", "workload.rate=40/s,60/s", "--out", "stale", "--quiet"])).status).toBe(0);
  // As if the 60/s directory were left by an earlier compare on seed 9.
  const sub = join(scratch, "stale", "rate=60_s");
  const summary = JSON.parse(readFileSync(join(sub, "summary.json"), "utf8"));
  summary.header.seed = 9;
  writeFileSync(join(sub, "summary.json"), JSON.stringify(summary));
  mkdirSync(join(scratch, "stale", "unrelated"), { recursive: true });
  const report = await relisim(["report", "stale"]);
  expect(report.status, report.out).toBe(0);
  expect(report.out).toContain("note: Left out rate=60_s/: written by another run (a seed or scenario hash unlike compare.json's)");
});
