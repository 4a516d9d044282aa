import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { htmlReport } from "../../../src/report/html/html-report.js";
import { readResults } from "../../../src/report/html/read-results.js";

/** Result files written by relisim on tiny scenarios (see test/fixtures/report/). */
const FIXTURES = fileURLToPath(new URL("../../fixtures/report", import.meta.url));

async function report(dir: string): Promise<{ html: string; warnings: string[] }> {
  const warnings: string[] = [];
  const html = await htmlReport(readResults(dir), warnings);
  return { html, warnings };
}

const svgCount = (html: string) => html.match(/<svg/g)?.length ?? 0;

describe("htmlReport on each kind of results", () => {
  test("a run: latency, error rate and load charts with the episode shaded, then the tables", async () => {
    const { html, warnings } = await report(join(FIXTURES, "run"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(3);
    for (const title of ["Latency of successful requests per window", "Error rate per window", "Offered load vs goodput"]) {
      expect(html).toContain(title);
    }
    // The one episode (30 s to 40 s) is a shaded band with a legend entry in each chart.
    expect(html.match(/>SLO episode</g)).toHaveLength(3);
    expect(html.match(/fill="#f6c3bd"/g)?.length).toBeGreaterThanOrEqual(3);
    for (const axis of ["latency (ms)", "error rate (%)", "requests / s", "simulated time (s)"]) expect(html).toContain(axis);
    for (const caption of ["The three answers", "Requests", "Latency of successful requests (ms)", "Episodes"]) {
      expect(html).toContain(`<caption>${caption}</caption>`);
    }
    expect(html).toContain("crash node a/0");
    expect(html).toContain("seed 3 · scenario hash");
  });

  test("a cluster comparison: one panel of bars per figure, no intervals (one run per variant)", async () => {
    const { html, warnings } = await report(join(FIXTURES, "compare"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(1);
    for (const figure of ["availability (%)", "p99 latency (ms)", "recovery max (s)"]) expect(html).toContain(figure);
    expect(html).toContain("<th>read=ONE</th><th>read=ALL</th>");
    expect(html).not.toContain(`class="mark-rule role-mark`);
  });

  test("a fleet comparison: bars with 95% error bars", async () => {
    const { html, warnings } = await report(join(FIXTURES, "fleet-compare"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(1);
    expect(html).toContain("error bars: 95% confidence interval");
    // The error bar is a rule between the interval's ends, in each of the six panels.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(6);
  });

  test("a sweep: three curves charts against the numeric axis, one curve per strategy", async () => {
    const { html, warnings } = await report(join(FIXTURES, "sweep"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(3);
    expect(html.match(/>fleet\.maintenance\.everyDays</g)).toHaveLength(3);
    for (const series of ["copyState", "imageInPlace"]) expect(html).toContain(`>${series}<`);
    expect(html).toContain("<caption>Sweep points (mean and 95% interval)</caption>");
  });

  test("a fleet run: its figures with intervals as a table", async () => {
    const { html } = await report(join(FIXTURES, "fleet-run"));
    expect(svgCount(html)).toBe(0);
    expect(html).toContain("<caption>Fleet outcome</caption>");
    expect(html).toContain("<td>quorum losses / year</td>");
  });

  test("a directory with several kinds gets one section each, run first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
    for (const kind of ["run", "compare", "sweep"]) cpSync(join(FIXTURES, kind), dir, { recursive: true });
    const { html } = await report(dir);
    expect([...html.matchAll(/<h2>(\w+):/g)].map((m) => m[1])).toEqual(["Run", "Compare", "Sweep"]);
    expect(svgCount(html)).toBe(7);
  });
});

describe("htmlReport output", () => {
  test("is self-contained: no URL anywhere, no script", async () => {
    const { html } = await report(join(FIXTURES, "run"));
    expect(html).not.toMatch(/https?:|<script|\ssrc=|\shref=/i);
  });

  test("is deterministic: the same results give the same bytes", async () => {
    const a = await report(join(FIXTURES, "sweep"));
    const b = await report(join(FIXTURES, "sweep"));
    expect(a.html).toBe(b.html);
    const c = await report(join(FIXTURES, "run"));
    const d = await report(join(FIXTURES, "run"));
    expect(c.html).toBe(d.html);
  });

  test("escapes names from the results inside the charts and the tables", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
    const evil = `<img src=x onerror=alert(1)>&"`;
    const compare = JSON.parse(readFileSync(join(FIXTURES, "compare", "compare.json"), "utf8"));
    compare.variants = { [evil]: compare.variants["read=ONE"], plain: compare.variants["read=ALL"] };
    writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
    const { html } = await report(dir);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;&amp;");
  });
});
