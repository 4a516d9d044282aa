import { escapeHtml } from "./escape-html.js";

/** A table of plain-text cells; the first column names the row, the others are values. */
export interface ReportTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Said under the table, e.g. that rows were left out. */
  readonly note?: string;
}

/** A chart already rendered to an SVG string (trusted markup from the renderer). */
export interface RenderedChart {
  readonly svg: string;
}

/** One part of the report: a run, a comparison or a sweep. */
export interface RenderedSection {
  readonly heading: string;
  /** One line under the heading: what was run, on which seed. */
  readonly intro: string;
  readonly charts: readonly RenderedChart[];
  readonly tables: readonly ReportTable[];
}

/** The whole report: its title, sections and the line that makes it reproducible. */
export interface ReportPage {
  readonly title: string;
  /** Shown above every section, each as its own warning box. */
  readonly notices?: readonly string[];
  readonly sections: readonly RenderedSection[];
  readonly footer: string;
}

const CSS = `
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #f4f5f7; }
.notice { border-left: 4px solid #d9822b; background: #fff6ec; padding: 8px 12px; }
main { max-width: 1040px; margin: 0 auto; padding: 20px 24px 40px; background: white; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 4px; padding-top: 12px; border-top: 1px solid #ddd; }
p.intro, footer { color: #555; margin: 0 0 12px; }
figure.chart { display: inline-block; vertical-align: top; margin: 12px 16px 12px 0; }
figure.chart svg { max-width: 100%; height: auto; }
/* A wide table (a sweep's many figures) scrolls in its own box rather than past the page. */
div.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
/* The first column (what a row is) stays in view while a wide table scrolls. */
th:first-child, td:first-child { position: sticky; left: 0; background: white; z-index: 1; }
tbody tr:nth-child(even) td:first-child { background: #fafafa; }
th.text, td.text { text-align: left; white-space: normal; }
thead th { border-bottom: 2px solid #bbb; white-space: normal; vertical-align: bottom; }
tbody tr:nth-child(even) { background: #fafafa; }
p.note { color: #555; font-size: 12px; margin: -8px 0 16px; }
`;

/** Cells that are prose (faults, sentences) wrap and align left; figures align right. */
const isProse = (cell: string) => /[a-z]{3,}\s+[a-z]{2,}/i.test(cell) && !/^[\d.,%\s–-]+$/.test(cell);

function tableHtml(t: ReportTable): string {
  // A column with prose in it is a text column: left-aligned, wrapping, its header too.
  const text = t.head.map((_, i) => i > 0 && t.rows.some((row) => isProse(row[i] ?? "")));
  const cell = (tag: string, c: string, i: number) => `<${tag}${text[i] ? ` class="text"` : ""}>${escapeHtml(c)}</${tag}>`;
  const head = `<thead><tr>${t.head.map((h, i) => cell("th", h, i)).join("")}</tr></thead>`;
  const body = t.rows.map((row) => `<tr>${row.map((c, i) => cell("td", c, i)).join("")}</tr>`).join("\n");
  const note = t.note ? `\n<p class="note">${escapeHtml(t.note)}</p>` : "";
  return `<div class="table"><table>\n<caption>${escapeHtml(t.caption)}</caption>\n${head}\n<tbody>\n${body}\n</tbody>\n</table></div>${note}`;
}

function sectionHtml(s: RenderedSection): string {
  return [
    `<section>`,
    `<h2>${escapeHtml(s.heading)}</h2>`,
    `<p class="intro">${escapeHtml(s.intro)}</p>`,
    ...s.charts.map((c) => `<figure class="chart">${c.svg}</figure>`),
    ...s.tables.map(tableHtml),
    `</section>`,
  ].join("\n");
}

/**
 * One self-contained HTML file: the charts inlined as SVG, the tables, a little CSS. It loads
 * nothing (no scripts, stylesheets, fonts or images from anywhere), so it works offline and
 * as an e-mail attachment. All text is escaped; the SVGs come from the renderer.
 */
export function buildReportPage(page: ReportPage): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    // The browser itself refuses any fetch: the page is complete as written.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${CSS}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...(page.notices ?? []).map((n) => `<p class="notice">${escapeHtml(n)}</p>`),
    ...page.sections.map(sectionHtml),
    `<footer>${escapeHtml(page.footer)}</footer>`,
    `</main>`,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");
}
