import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";
import { FIGURE_NAMES, figureName, type FigureUnit } from "../../src/experiment/figure-names.js";
import { CLUSTER_FIGURES, figureNames } from "../../src/experiment/headline-figures.js";
import { SWEEP_STATISTICS } from "../../src/experiment/sweep.js";
import { compareRows, type ComparedOutcome } from "../../src/report/compare-rows.js";
import { estimateTable } from "../../src/report/estimate-table.js";
import { headlineLabel } from "../../src/report/html/headline-labels.js";
import { replicatedSection } from "../../src/report/html/replicated-section.js";

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The unit a column's name ends with, by the figure's unit; counts and plain numbers have none. */
const UNIT_ENDING: Partial<Record<FigureUnit, RegExp>> = {
  seconds: /_s$/,
  ms: /_ms$/,
  hours: /_h$/,
  rate: /_per_(day|year)$/,
  // A fraction 0..1 says so, or names a ratio itself.
  share: /(_share|_rate|^availability)$/,
};

/**
 * Columns of windows.csv and episodes.csv that hold fractions 0..1 and name a ratio themselves
 * (the README defines each); any other column holding fractions must end in _share or _rate.
 */
const RATIOS = new Set(["utilization", "app_utilization", "p_wait"]);
/** Columns of a time or a duration end in its unit. */
const TIME_WORDS = /(^|_)(start|end|duration|time|p\d+)(_|$)/;

const headerOf = (file: string) => readFileSync(file, "utf8").split("\n")[0].split(",");

describe("one name per figure: CSV headers", () => {
  const dir = mkdtempSync(join(tmpdir(), "relisim-figure-names-"));
  let windows: Record<string, string>[];
  let episodes: Record<string, string>[];

  beforeAll(async () => {
    const run = await relisim(["run", "test/fixtures/report/tiny-report.yaml", "--out", join(dir, "run"), "--quiet"]);
    expect(run.status, run.stderr).toBe(0);
    const sweep = await relisim(
      ["sweep", "test/fixtures/report/tiny-report.yaml", "--grid", "workload.rate=40/s,50/s", "--replications", "2", "--workers", "1", "--out", join(dir, "sweep"), "--quiet"],
    );
    expect(sweep.status, sweep.stderr).toBe(0);
    windows = parse(readFileSync(join(dir, "run", "windows.csv"), "utf8"), { columns: true });
    episodes = parse(readFileSync(join(dir, "run", "episodes.csv"), "utf8"), { columns: true });
  }, 120_000);

  test("every column of windows.csv and episodes.csv is snake_case; times end in their unit", () => {
    for (const file of ["windows.csv", "episodes.csv"]) {
      for (const column of headerOf(join(dir, "run", file))) {
        expect(column, `${file}: ${column}`).toMatch(SNAKE);
        if (TIME_WORDS.test(column)) expect(column, `${file}: ${column}`).toMatch(/_(s|ms)$/);
      }
    }
  });

  test("a column that holds fractions says so (_share, _rate) or names a ratio itself", () => {
    for (const [file, rows] of [["windows.csv", windows], ["episodes.csv", episodes]] as const) {
      expect(rows.length, file).toBeGreaterThan(0);
      for (const column of Object.keys(rows[0])) {
        const values = rows.map((r) => r[column]).filter((v) => v !== "" && Number.isFinite(Number(v))).map(Number);
        const fractions = values.length > 0 && values.every((v) => v >= 0 && v <= 1) && values.some((v) => !Number.isInteger(v));
        if (fractions && !RATIOS.has(column)) expect(column, `${file}: ${column} holds fractions`).toMatch(/(_share|_rate)$/);
      }
    }
  });

  test("sweep.csv: the grid's paths, then each headline figure's column (with its unit) and statistic", () => {
    const header = headerOf(join(dir, "sweep", "sweep.csv"));
    expect(header.slice(0, 2)).toEqual(["workload.rate", "replications"]);
    const figures = header.slice(2);
    expect(figures).toEqual(figureNames("cluster").flatMap((f) => SWEEP_STATISTICS.map((s) => `${figureName(f).column}_${s}`)));
    for (const column of figures) expect(column).toMatch(SNAKE);
  });

  test("every named figure's column is snake_case and carries its unit; no two figures share a column or a label", () => {
    const names = Object.entries(FIGURE_NAMES);
    for (const [key, { column, unit }] of names) {
      expect(column, key).toMatch(SNAKE);
      const ending = UNIT_ENDING[unit];
      if (ending) expect(column, `${key} (${unit})`).toMatch(ending);
    }
    expect(new Set(names.map(([, n]) => n.column)).size).toBe(names.length);
    expect(new Set(names.map(([, n]) => n.label)).size).toBe(names.length);
  });

  test("a column of the same figure has the same name in windows.csv and sweep.csv", () => {
    const windowColumns = headerOf(join(dir, "run", "windows.csv"));
    for (const f of ["latencyP50Ms", "latencyP99Ms", "successLatencyP99Ms"] as const) expect(windowColumns).toContain(FIGURE_NAMES[f].column);
  });
});

describe("one name per figure: terminal and HTML", () => {
  const figures = figureNames("cluster");
  const estimate = Object.fromEntries(figures.map((f) => [f, { mean: 0.5, std: 0.1, ci95Low: 0.4, ci95High: 0.6 }]));

  test("the terminal's replicated table, the HTML report's table and its charts name each figure alike", () => {
    const terminal = estimateTable(figures, [{ name: "base", replications: 3, estimate }]).split("\n");
    const html = replicatedSection({ header: { scenario: "s", seed: 1, hash: "h", file: "f", relisim: "0", node: "20" }, variants: { base: { replications: 3, estimate } } } as never, "run");
    const htmlRows = html.tables[0].rows.map((r) => r[0]);
    for (const f of figures) {
      const { label } = figureName(f);
      expect(terminal.some((line) => line.trimStart().startsWith(label)), `terminal: ${label}`).toBe(true);
      // A chart adds the unit of its axis: "availability (%)", "recovery mean (s)"; a table's cells carry theirs.
      expect(headlineLabel(f).name.startsWith(label), `html chart: ${f}`).toBe(true);
      expect(htmlRows, `html table: ${f}`).toContain(label);
    }
  });

  test("the comparison's rows of headline figures read as the figures are named", () => {
    const none = { touched: 0, of: 1, traffic: null };
    const outcome = {
      frequency: { episodes: 0, scripted: 0, unscripted: 0, perDay: null },
      blastRadius: { maxRequests: 0, seen: { clients: none, zones: none, regions: none, tenants: none, ranges: none }, fault: { nodes: none, zones: none, regions: none } },
      recoveryS: { mean: 0, max: 0 },
      timeToDetectS: null,
      timeToMitigateS: null,
      availability: 1,
      nines: 5,
      requests: { total: 1 },
      latencyMs: { all: null },
      successLatencyMs: { all: null },
    } as unknown as ComparedOutcome;
    const labels = compareRows([outcome]).map((r) => r.label);
    for (const f of ["episodes", "blastRadiusMaxRequests", "recoveryMeanS", "recoveryMaxS", "availability", "latencyP50Ms", "latencyP99Ms", "latencyP999Ms", "successLatencyP99Ms"]) {
      expect(labels, f).toContain(figureName(f).label);
    }
  });

  test("the README's table of figure names is the registry's", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const [f] of CLUSTER_FIGURES) {
      expect(readme, f).toContain(`\`${f}\``);
      expect(readme, f).toContain(`\`${figureName(f).column}\``);
    }
    for (const f of figureNames("fleet")) expect(readme, f).toContain(`\`${figureName(f).column}\``);
  });
});
