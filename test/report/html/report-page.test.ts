import { describe, expect, test } from "vitest";
import { buildReportPage, type ReportPage } from "../../../src/report/html/report-page.js";

const svg = (label: string) => `<svg version="1.1" width="10" height="10"><text>${label}</text></svg>`;

function page(overrides: Partial<ReportPage> = {}): ReportPage {
  return {
    title: "relisim report — tiny",
    sections: [
      {
        heading: "Run: tiny",
        intro: "2m simulated",
        charts: [{ svg: svg("a") }, { svg: svg("b") }, { svg: svg("c") }],
        tables: [{ caption: "Requests", head: ["outcome", "requests"], rows: [["ok", "1,000"]] }],
      },
      { heading: "Sweep: fleet", intro: "4 points", charts: [{ svg: svg("d") }], tables: [] },
    ],
    footer: "the page loads nothing",
    ...overrides,
  };
}

describe("buildReportPage", () => {
  test("is self-contained: no URL, no script, no external stylesheet, font or image", () => {
    const html = buildReportPage(page());
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=|\shref=/i);
    // The browser is told to refuse any fetch, should something slip in later.
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  test("a wide table scrolls in its own box with its first column held in view; notices come first", () => {
    const html = buildReportPage({ ...page(), notices: ["mixed <results>"] });
    expect(html).toMatch(/div\.table \{ overflow-x: auto; \}/);
    expect(html).toMatch(/th:first-child, td:first-child \{ position: sticky; left: 0;/);
    expect(html.indexOf('<p class="notice">mixed &lt;results&gt;</p>')).toBeLessThan(html.indexOf("<section>"));
  });

  test("has one <svg> per chart, each in its own figure, in order", () => {
    const html = buildReportPage(page());
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html.match(/<figure class="chart"><svg/g)).toHaveLength(4);
    expect([...html.matchAll(/<text>(\w)<\/text>/g)].map((m) => m[1])).toEqual(["a", "b", "c", "d"]);
  });

  test("escapes every piece of text: title, headings, intro, captions, cells, notes, footer", () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    const html = buildReportPage({
      title: evil,
      sections: [{ heading: evil, intro: evil, charts: [], tables: [{ caption: evil, head: [evil], rows: [[evil, evil]], note: evil }] }],
      footer: evil,
    });
    expect(html).not.toContain("<script");
    expect(html).not.toContain(`"x"`);
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
    // title twice (<title> and <h1>), heading, intro, caption, header cell, two cells, note, footer.
    expect(html.split(escaped)).toHaveLength(11);
  });

  test("a prose column aligns left, its header too; figure columns stay right-aligned", () => {
    const html = buildReportPage(
      page({
        sections: [
          {
            heading: "h",
            intro: "i",
            charts: [],
            tables: [{ caption: "c", head: ["episode", "start", "faults"], rows: [["#1", "30s", "crash node a/0"]] }],
          },
        ],
      }),
    );
    expect(html).toContain(`<th>start</th><th class="text">faults</th>`);
    expect(html).toContain(`<td>30s</td><td class="text">crash node a/0</td>`);
  });

  test("is a complete document: doctype, charset, title", () => {
    const html = buildReportPage(page());
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html).toContain(`<meta charset="utf-8">`);
    expect(html).toContain("<title>relisim report — tiny</title>");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });
});
