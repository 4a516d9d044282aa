import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

/**
 * One definition of a comparison's rows (src/report/compare-rows.ts) serves the terminal table
 * and the HTML report: the same figures, labels and order in both. Needs a built dist/.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TWO_TENANTS = join(ROOT, "test", "fixtures", "cli", "two-tenants.yaml");

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run `npx tsc -p .` first");
});

/** `relisim compare` of two tenants on two rates, with --html: the terminal's text and the report. */
async function compareTwoTenants(): Promise<{ terminal: string; html: string }> {
  const out = join(mkdtempSync(join(tmpdir(), "relisim-compare-rows-")), "out");
  const r = await relisim(["compare", TWO_TENANTS, "--vary", "workload.rate=20/s,50/s", "--out", out, "--html", "--quiet"]);
  expect(r.status, r.stderr).toBe(0);
  return { terminal: r.stdout, html: readFileSync(join(out, "report.html"), "utf8") };
}

/** The HTML comparison table's rows: label, then one cell per variant. */
function htmlRows(html: string): string[][] {
  const from = html.indexOf("<caption>Variants side by side</caption>");
  const table = html.slice(from, html.indexOf("</table>", from));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)]
    .map((m) => [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]))
    .filter((cells) => cells.length > 0);
}

describe("the rows of a comparison", () => {
  test("the HTML table has the terminal's rows, in its order, tenants included", async () => {
    const { terminal, html } = await compareTwoTenants();
    const rows = htmlRows(html);
    const labels = rows.map((r) => r[0]);
    expect(labels).toContain("felt by tenants");
    expect(rows.find((r) => r[0] === "felt by tenants")).toHaveLength(3);
    // The terminal's table: after the title and a blank line, up to the next blank line.
    const lines = terminal.split("\n");
    const body = lines.slice(3, lines.indexOf("", 3));
    expect(body).toHaveLength(labels.length);
    body.forEach((line, i) => expect(line.startsWith(`  ${labels[i]}  `), `${line} ≠ ${labels[i]}`).toBe(true));
    // The cells agree too: the tenants row reads the same in both.
    const tenants = body[labels.indexOf("felt by tenants")].split(/\s{2,}/).filter(Boolean);
    expect(tenants).toEqual(rows[labels.indexOf("felt by tenants")]);
  });
});
