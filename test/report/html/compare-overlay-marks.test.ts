import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { relisim } from "../../support/relisim-cli.js";
import { clusterCompareSection } from "../../../src/report/html/compare-section.js";
import { readResults, type ResultSet } from "../../../src/report/html/read-results.js";
import { renderSvg } from "../../../src/report/html/render-svg.js";
import { runSection } from "../../../src/report/html/run-section.js";

let results: ResultSet;

beforeAll(async () => {
  // tiny-report: a node crash from 30 s to 60 s, SLO p90 100 ms and 2% errors for GET and PUT.
  const out = join(mkdtempSync(join(tmpdir(), "relisim-overlay-")), "compare");
  const run = await relisim(["compare", "test/fixtures/report/tiny-report.yaml", "--vary", "cluster.consistency.read=ONE,ALL", "--out", out, "--quiet"]);
  expect(run.status, run.stderr).toBe(0);
  results = readResults(out);
}, 120_000);

const axisTitles = (svg: string) => [...svg.matchAll(/role-axis-title[^>]*>(?:<[^>]*>)*?<text[^>]*>([^<]*)</g)].map((m) => m[1]);
const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);

test("the overlaid variants' timelines mark the faults and the SLO, and keep their axes' units", async () => {
  const charts = clusterCompareSection(results.clusterCompare!, results.variantRuns).charts.slice(1);
  expect(charts).toHaveLength(2);
  const [p99, errors] = await Promise.all(charts.map((c) => renderSvg(c, [])));
  for (const svg of [p99, errors]) {
    expect(svg).toContain(">nodeCrash a/0<");
    expect(axisTitles(svg)).toContain("simulated time (s)");
  }
  expect(axisTitles(p99)).toContain("p99 (ms)");
  expect(p99).toContain("GET p90 SLO 100 ms, PUT p90 SLO 100 ms");
  expect(axisTitles(errors)).toContain("error rate (%)");
  expect(errors).toContain("GET SLO 2.00% errors, PUT SLO 2.00% errors");
});

test("no timeline is wider than the page (a long subtitle would widen it, and the page shrink it)", async () => {
  const charts = [...clusterCompareSection(results.clusterCompare!, results.variantRuns).charts.slice(1), ...runSection(results.variantRuns![0]).charts];
  for (const svg of await Promise.all(charts.map((c) => renderSvg(c, [])))) expect(width(svg)).toBeLessThanOrEqual(960);
});

test("a run's latency and error charts keep their axes' units beside the SLO's lines", async () => {
  const [latency, errors] = await Promise.all(runSection(results.variantRuns![0]).charts.slice(0, 2).map((c) => renderSvg(c, [])));
  expect(axisTitles(latency)).toContain("latency (ms)");
  expect(axisTitles(errors)).toContain("error rate (%)");
});
