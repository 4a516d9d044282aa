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
const headings = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);

describe("htmlReport on each kind of results", () => {
  test("a run: latency, error rate and load charts with the episode shaded, then the tables", async () => {
    const { html, warnings } = await report(join(FIXTURES, "run"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(3);
    for (const title of ["Latency per window, client-observed", "Error rate per window", "Offered load vs goodput"]) {
      expect(html).toContain(title);
    }
    // The one episode (30 s to 40 s) is a shaded band with a legend entry in each chart.
    expect(html.match(/>SLO episode</g)).toHaveLength(3);
    expect(html.match(/fill="#f6c3bd"/g)?.length).toBeGreaterThanOrEqual(3);
    for (const axis of ["latency (ms)", "error rate (%)", "requests / s", "simulated time (s)"]) expect(html).toContain(axis);
    for (const caption of ["The three answers", "Requests", "Latency, client-observed (ms)", "Latency, successes only (ms)", "Episodes"]) {
      expect(html).toContain(`<caption>${caption}</caption>`);
    }
    expect(html).toContain("crash node a/0");
    expect(html).toContain("seed 3 · scenario hash");
  });

  test("a cluster comparison: bars without intervals (one run per variant), then each variant's timelines", async () => {
    const { html, warnings } = await report(join(FIXTURES, "compare"));
    expect(warnings).toEqual([]);
    expect(headings(html)).toEqual(["Compare: tiny-report", "Run: tiny-report [read=ONE]", "Run: tiny-report [read=ALL]"]);
    // The comparison's bars and the two overlays of its variants, then three timeline charts per variant.
    expect(svgCount(html)).toBe(1 + 2 + 2 * 3);
    for (const figure of ["availability (%)", "p99 ms client-observed", "p99 ms successes only", "recovery max (s)"]) expect(html).toContain(figure);
    expect(html).toContain("<th>read=ONE</th><th>read=ALL</th>");
    expect(html).not.toContain(`class="mark-rule role-mark`);
    // Each variant's episode is shaded in each of its three charts.
    expect(html.match(/>SLO episode</g)).toHaveLength(2 * 3);
  });

  test("a cluster comparison written before variants had directories: just the comparison", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
    cpSync(join(FIXTURES, "compare", "compare.json"), join(dir, "compare.json"));
    const { html } = await report(dir);
    expect(headings(html)).toEqual(["Compare: tiny-report"]);
    expect(svgCount(html)).toBe(1);
  });

  test("replicated variants (compare --replications): a panel per headline figure with 95% error bars", async () => {
    const { html, warnings } = await report(join(FIXTURES, "compare-replicated"));
    expect(warnings).toEqual([]);
    expect(headings(html)).toEqual(["Compare: tiny-report"]);
    expect(html).toContain("2 variants × 3 replications on the same seeds");
    expect(svgCount(html)).toBe(1);
    expect(html).toContain("error bars: 95% confidence interval");
    // Twelve headline figures, twelve panels, each with its error bars.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(12);
    const figures = ["p50 ms client-observed", "p99 ms client-observed", "episodes", "worst bad requests (%)", "felt by client zones (%)", "fault in server zones (%)", "p99 ms successes only", "extra load (%)"];
    for (const figure of figures) expect(html).toContain(`>${figure}<`);
    // A comparison leads with client-observed latency, in the panels and the table.
    const order = (text: string) => figures.map((f) => text.indexOf(`>${f}<`));
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    expect(order(svg)[0]).toBeLessThan(order(svg)[2]);
    expect(order(svg)[1]).toBeLessThan(order(svg)[2]);
    // The table's cells carry their units ("11.04%"), so its rows are named without them.
    const table = html.slice(html.indexOf("<table>"));
    const rows = figures.map((f) => table.indexOf(`<td>${f.replace(/ \(%\)$/, "")}</td>`));
    expect(rows).not.toContain(-1);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(html).not.toContain("per day");
    expect(html).toContain("<th>read=ONE</th><th>sd</th><th>read=ALL</th><th>sd</th>");
    expect(html).toContain("<td>replications</td><td>3</td>");
  });

  test("compare --replications: the paired differences against the first variant, in the terminal's words and units", async () => {
    const { html } = await report(join(FIXTURES, "compare-replicated"));
    expect(html).toContain("<caption>Paired differences against read=ONE: mean difference (95% interval); * the interval excludes 0</caption>");
    expect(html).toContain("<th>read=ALL \u2212 read=ONE</th>");
    // ALL cannot ride out the lost replica: availability lower in every replication, by some 20 points.
    expect(html).toMatch(/<td>availability<\/td><td>\u2212[\d.]+ pp \(\u2212[\d.]+ pp to \u2212[\d.]+ pp\) \*<\/td>/);
    expect(html).toMatch(/<td>recovery mean<\/td><td>[+\u2212]?[\d.]+m?s \([+\u2212]?[\d.]+m?s to [+\u2212]?[\d.]+m?s\)( \*)?<\/td>/);
  });

  test("a compare.json from before differences were written still reads, without their table", async () => {
    for (const kind of ["compare-replicated", "fleet-compare"]) {
      const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
      const compare = JSON.parse(readFileSync(join(FIXTURES, kind, "compare.json"), "utf8"));
      delete compare.baseline;
      delete compare.differences;
      writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
      const { html, warnings } = await report(dir);
      expect(warnings).toEqual([]);
      expect(html).toMatch(/Variants side by side/);
      expect(html).not.toContain("Paired differences");
    }
  });

  test("a figure with no value in any replication (null in the JSON) has a dash and no bar", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
    const compare = JSON.parse(readFileSync(join(FIXTURES, "compare-replicated", "compare.json"), "utf8"));
    // The bar's label is its mean: 4.9755 ms shows as 4.98 beside the bar, and nowhere else.
    expect(compare.variants["read=ALL"].estimate.successLatencyP99Ms.mean).toBe(4.9755);
    expect((await report(join(FIXTURES, "compare-replicated"))).html).toContain(">4.98<");
    compare.variants["read=ALL"].estimate.successLatencyP99Ms = { mean: null, std: null, ci95Low: null, ci95High: null };
    writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
    const { html, warnings } = await report(dir);
    expect(warnings).toEqual([]);
    expect(html).not.toContain(">4.98<");
    expect(html).toMatch(/<td>p99 ms successes only<\/td><td>[\d.]+ \([\d.]+–[\d.]+\)<\/td><td>[\d.]+<\/td><td>—<\/td><td>—<\/td>/);
    // read=ONE's p99 bar keeps its error bar.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(12);
  });

  test("run --replications: the same figures for its one variant", async () => {
    const { html, warnings } = await report(join(FIXTURES, "run-replicated"));
    expect(warnings).toEqual([]);
    expect(headings(html)).toEqual(["Run: tiny-report"]);
    expect(html).toContain("3 replications · seed 3");
    expect(svgCount(html)).toBe(1);
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(12);
    // A run keeps relisim's order: how often first.
    expect(html.indexOf(">episodes<")).toBeLessThan(html.indexOf(">p99 ms client-observed<"));
    expect(html).toContain("<th>base</th><th>sd</th>");
  });

  test("a fleet comparison: bars with 95% error bars", async () => {
    const { html, warnings } = await report(join(FIXTURES, "fleet-compare"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(1);
    expect(html).toContain("error bars: 95% confidence interval");
    // The error bar is a rule between the interval's ends, in each of the six panels.
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(6);
    expect(html).toContain("<th>strategy=imageInPlace \u2212 strategy=copyState</th>");
    expect(html).toMatch(/<td>time at risk<\/td><td>\u2212[\d.]+ pp \(/);
  });

  test("a fleet sweep: three curves charts against the numeric axis, one curve per strategy", async () => {
    const { html, warnings } = await report(join(FIXTURES, "sweep"));
    expect(warnings).toEqual([]);
    expect(svgCount(html)).toBe(3);
    expect(html.match(/>fleet\.maintenance\.everyDays</g)).toHaveLength(3);
    for (const series of ["copyState", "imageInPlace"]) expect(html).toContain(`>${series}<`);
    // A band per curve (the 95% interval): two strategies in each of three charts.
    expect(html.match(/class="mark-area role-mark/g)).toHaveLength(3 * 2);
    expect(html).toContain("<caption>Sweep points: mean (95% interval)</caption>");
    expect(html).toContain("<th>quorum losses / year</th>");
  });

  test("a cluster sweep: the headline figures against the numeric axis with bands, one curve per read level", async () => {
    const { html, warnings } = await report(join(FIXTURES, "cluster-sweep"));
    expect(warnings).toEqual([]);
    expect(html).toContain("cluster scenario · 4 points × 3 replications");
    expect(svgCount(html)).toBe(5);
    expect(html.match(/>cluster\.regions\[0\]\.nodesPerZone</g)).toHaveLength(5);
    expect(html.match(/class="mark-area role-mark/g)).toHaveLength(5 * 2);
    for (const title of ["How often: SLO episodes per run (a count)", "How big: worst episode's bad requests", "How long: longest recovery", "Availability", "p99 ms client-observed"]) {
      expect(html).toContain(`>${title}<`);
    }
    for (const series of ["ONE", "ALL"]) expect(html).toContain(`>${series}<`);
    // The table: one row per point, every headline figure a column.
    expect(html).toContain("<th>read</th><th>nodesPerZone</th><th>replications</th><th>episodes</th>");
    expect(html).toContain("<th>p99 ms successes only</th>");
    expect(html).not.toContain("per day");
    expect(html.match(/<tr><td>(ONE|ALL)<\/td>/g)).toHaveLength(4);
  });

  test("a fleet run: its figures with intervals as a table", async () => {
    const { html } = await report(join(FIXTURES, "fleet-run"));
    expect(svgCount(html)).toBe(0);
    expect(html).toContain("<caption>Fleet outcome</caption>");
    expect(html).toContain("<td>quorum losses / year</td>");
  });

  test("a directory with several kinds gets one section each: run, compare with its variants, sweep", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relisim-report-"));
    for (const kind of ["run", "run-replicated", "compare", "sweep"]) cpSync(join(FIXTURES, kind), dir, { recursive: true });
    const { html } = await report(dir);
    expect(headings(html).map((h) => h.split(":")[0])).toEqual(["Run", "Run", "Compare", "Run", "Run", "Sweep"]);
    expect(svgCount(html)).toBe(3 + 1 + 9 + 3);
  });
});

describe("htmlReport output", () => {
  test("is self-contained: no URL anywhere, no script", async () => {
    const { html } = await report(join(FIXTURES, "run"));
    expect(html).not.toMatch(/https?:|<script|\ssrc=|\shref=/i);
  });

  test("is deterministic: the same results give the same bytes", async () => {
    for (const kind of ["sweep", "cluster-sweep", "compare", "compare-replicated"]) {
      const a = await report(join(FIXTURES, kind));
      const b = await report(join(FIXTURES, kind));
      expect(a.html).toBe(b.html);
    }
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
