import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { htmlReport } from "../../../src/report/html/html-report.js";
import { readResults } from "../../../src/report/html/read-results.js";
import { ScenarioError } from "../../../src/scenario/scenario-error.js";

/** Every figure says what it is: latency measured how, breadth in which view, frequency a count or a rate. */

const FIXTURES = fileURLToPath(new URL("../../fixtures/report", import.meta.url));

const scratch = () => mkdtempSync(join(tmpdir(), "relisim-answer-labels-"));
const report = async (dir: string) => {
  const warnings: string[] = [];
  const html = await htmlReport(readResults(dir), warnings);
  expect(warnings).toEqual([]);
  return html;
};
/** The text of a table's row, cells joined by " | ". */
const rowText = (html: string, first: string) => {
  const row = html.match(new RegExp(`<tr><td>${first}</td>(.*?)</tr>`))?.[1] ?? "";
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]).join(" | ");
};
const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** The message readResults throws for `dir`, checking it is a ScenarioError (exit 2, no stack). */
function problem(dir: string): string {
  try {
    readResults(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).format();
  }
  throw new Error("readResults did not throw");
}

describe("a run's answers", () => {
  test("scripted faults: a count, never a rate; breadth felt by and fault in, as touched/of with traffic", async () => {
    const html = await report(join(FIXTURES, "run"));
    expect(rowText(html, "How often")).toBe("1 episode during scripted faults (a count in this run, not a rate) · 1 of 12 windows broke the SLO");
    expect(html).not.toMatch(/per day|\/day/);
    expect(rowText(html, "felt by")).toContain("client zones 3/3 (100% of traffic)");
    expect(rowText(html, "felt by")).toMatch(/clients \d\/6 \([\d.]+% of traffic\)/);
    // A lone tenant or client region is no breadth: left out.
    expect(rowText(html, "felt by")).not.toMatch(/tenants|client regions/);
    expect(rowText(html, "fault in")).toBe("server nodes 1/3 · server zones 1/3 · server regions 1/1");
    // The episode is marked as scripted; its table names both views.
    expect(html).toContain("<td>#1*</td>");
    for (const head of ["felt by client zones", "felt by clients", "felt by key ranges", "fault in server zones", "fault in server nodes"]) expect(html).toContain(`<th>${head}</th>`);
    expect(html).not.toContain("<th>felt by client regions</th>");
    expect(html).toContain("a scripted fault of the scenario&#39;s timeline was active: counted, never a rate");
    // No operation acted: no time to detect.
    expect(html).not.toContain("Time to detect");
  });

  test("random faults: the rate per day with its interval and how it was found", async () => {
    const html = await report(join(FIXTURES, "run-random"));
    const often = /^(\d+) episodes · (\d+) from random faults: [\d.]+ per day \([\d.]+–[\d.]+, 95% CI, exact Poisson\) · \d+ of 30 windows broke the SLO$/.exec(rowText(html, "How often"))!;
    expect(often).not.toBeNull();
    expect(often[1]).toBe(often[2]);
    expect(html).not.toContain("scripted");
    expect(html).toContain(">SLO episode<");
  });

  test("latency: client-observed and successes only, each labelled; the chart leads with client-observed", async () => {
    const html = await report(join(FIXTURES, "run"));
    const summary = json(join(FIXTURES, "run", "summary.json")).outcome;
    const [observed, success] = ["Latency, client-observed (ms)", "Latency, successes only (ms)"].map((c) => html.indexOf(`<caption>${c}</caption>`));
    expect(observed).toBeGreaterThan(0);
    expect(success).toBeGreaterThan(observed);
    expect(html).toContain("Every request; a failure counts at the time its client gave up.");
    // The run's p99.9 differs between the two: each table has its own.
    const p999 = (from: number) => html.slice(from).match(/<tr><td>all<\/td>(?:<td>[^<]*<\/td>){3}<td>([^<]*)<\/td>/)?.[1];
    expect(p999(observed)).toBe(String(Math.round(summary.latencyMs.all.p999)));
    expect(p999(success)).toBe(Number(summary.successLatencyMs.all.p999).toPrecision(3));
    // An op with no request (SCAN: null in both) has no row.
    expect(summary.latencyMs.SCAN).toBeNull();
    expect(html).not.toContain("<td>SCAN</td>");
    for (const series of [">p50<", ">p99<", ">p99.9<", ">p99, successes only<"]) expect(html).toContain(series);
  });

  test("time to detect and to mitigate where operations acted", async () => {
    const dir = scratch();
    cpSync(join(FIXTURES, "run"), dir, { recursive: true });
    const summary = json(join(dir, "summary.json"));
    summary.outcome.timeToDetectS = { mean: 4, max: 6, episodes: 2 };
    summary.outcome.timeToMitigateS = { mean: 12.5, max: 20, episodes: 1 };
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    const html = await report(dir);
    expect(rowText(html, "Time to detect")).toBe("mean 4s · max 6s (2 episodes)");
    expect(rowText(html, "Time to mitigate")).toBe("mean 12.5s · max 20s (1 episode)");
  });

  test("a window with no latency (empty cells) is a gap in the chart, never 0", async () => {
    const dir = scratch();
    cpSync(join(FIXTURES, "run"), dir, { recursive: true });
    const lines = readFileSync(join(dir, "windows.csv"), "utf8").split("\n");
    const head = lines[0].split(",");
    const row = lines.findIndex((l) => l.startsWith("50,60,all,"));
    const cells = lines[row].split(",");
    head.forEach((column, i) => /^(success_)?p\d+_ms$/.test(column) && (cells[i] = ""));
    lines[row] = cells.join(",");
    writeFileSync(join(dir, "windows.csv"), lines.join("\n"));
    const run = readResults(dir).clusterRun!;
    expect(run.timeline![5]).toMatchObject({ startS: 50, p50Ms: null, p99Ms: null, p999Ms: null, successP99Ms: null });
    expect(run.timeline![4].p99Ms).toBeGreaterThan(0);
    // Each latency line is two pieces around the empty window; without it, one.
    const pieces = (html: string) => [...html.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].slice(0, 4).map((m) => m[1].split("M").length - 1);
    expect(pieces(await report(dir))).toEqual([2, 2, 2, 2]);
    expect(pieces(await report(join(FIXTURES, "run")))).toEqual([1, 1, 1, 1]);
  });
});

describe("a comparison's answers", () => {
  test("leads with client-observed latency; breadth in both views; scripted counts", async () => {
    const html = await report(join(FIXTURES, "compare"));
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    const at = (figure: string) => svg.indexOf(`>${figure}<`);
    expect(at("p99 ms client-observed")).toBeGreaterThan(0);
    expect(at("p99 ms client-observed")).toBeLessThan(at("episodes"));
    expect(at("episodes")).toBeLessThan(at("p99 ms successes only"));
    for (const figure of ["felt by client zones (%)", "fault in server zones (%)"]) expect(at(figure)).toBeGreaterThan(0);
    expect(rowText(html, "episodes")).toBe("1 (scripted) | 1 (scripted)");
    expect(html).not.toMatch(/per day|\/day/);
    expect(html).toContain("(scripted): episodes during the timeline&#39;s scripted faults — a count, not a rate.");
    expect(rowText(html, "felt by client zones")).toBe("3/3 (100%) | 3/3 (100%)");
    expect(rowText(html, "fault in server nodes")).toBe("1/3 | 1/3");
    const table = html.slice(html.indexOf("<caption>Variants side by side</caption>"));
    expect(table.indexOf("<td>p99 ms client-observed</td>")).toBeLessThan(table.indexOf("<td>p99 ms successes only</td>"));
    // read=ALL fails while the node is down: its clients wait for the timeout; its successes are quick.
    expect(rowText(html, "p99 ms client-observed").split(" | ")[1]).toBe("500");
    expect(Number(rowText(html, "p99 ms successes only").split(" | ")[1])).toBeLessThan(10);
  });
});

describe("results of an older relisim", () => {
  /** compare.json as relisim wrote it before the answers were redefined: a per-day rate, flat shares. */
  function olderCompare(dir: string): void {
    const compare = json(join(FIXTURES, "compare", "compare.json"));
    for (const o of Object.values(compare.variants) as Record<string, unknown>[]) {
      delete o.frequency;
      delete o.successLatencyMs;
      o.failureFrequencyPerDay = 720;
      o.blastRadius = { meanRequests: 0.1, maxRequests: 0.1, ranges: 0.5, clients: 1, zones: 1, regions: 1, tenants: 1 };
    }
    writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
  }

  test("a cluster comparison or run is refused by the field, saying to re-run", () => {
    const dir = scratch();
    olderCompare(dir);
    expect(problem(dir)).toBe(
      `${join(dir, "compare.json")}: 1 problem\n  variants["read=ONE"].failureFrequencyPerDay: written by an older relisim ` +
        "(episodes per day even for scripted faults, blast radius as flat shares, latency of successes only), which this report does not read: re-run with this relisim",
    );
    const run = scratch();
    const summary = json(join(FIXTURES, "run", "summary.json"));
    delete summary.outcome.frequency;
    summary.outcome.failureFrequencyPerDay = 720;
    writeFileSync(join(run, "summary.json"), JSON.stringify(summary));
    expect(problem(run)).toMatch(/summary\.json: 1 problem\n {2}outcome\.failureFrequencyPerDay: written by an older relisim .*re-run with this relisim$/);
  });

  test("replications still read: the per-day figure left out, latency labelled successes only", async () => {
    const dir = scratch();
    const compare = json(join(FIXTURES, "compare-replicated", "compare.json"));
    for (const v of Object.values(compare.variants) as Array<{ estimate: Record<string, unknown> }>) {
      const { episodes, latencyP50Ms, latencyP99Ms, extraLoadShare } = v.estimate;
      v.estimate = { failureFrequencyPerDay: episodes, episodes, blastRadiusMaxRanges: episodes, latencyP50Ms, latencyP99Ms, extraLoadShare };
    }
    writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
    const html = await report(dir);
    expect(html).toContain("written by an older relisim: its episodes-per-day figure is left out");
    expect(html).not.toMatch(/per day<|client-observed \(ms\)/);
    for (const figure of ["p50 ms successes only", "p99 ms successes only", "worst key ranges (%)", "episodes"]) expect(html).toContain(`>${figure}<`);
    expect(html.match(/class="mark-rule role-mark/g)).toHaveLength(5);
  });
});
