import { describe, expect, test } from "vitest";
import { decisionSection } from "../../../src/report/html/decision-section.js";
import { decisionSchema, type DecisionFile } from "../../../src/report/html/decision-schema.js";
import { renderSvg } from "../../../src/report/html/render-svg.js";

const e = (mean: number, low: number, high: number) => ({ mean, std: 1, ci95Low: low, ci95High: high });
const row = (name: string, strategy: string | null, everyDays: number | null, mean: number, low: number, high: number, maintenance: number) => ({
  name,
  strategy,
  everyDays,
  replications: 5,
  estimate: { outagesPerYear: e(mean, low, high), outageHoursMean: e(0.5, 0.4, 0.6) },
  ratioToSafest: mean / 1,
  causeShares: { hardware: 1 - maintenance, maintenance, badDeploy: 0 },
  outageHoursMaxAll: 1.4,
});

const FILE: DecisionFile = decisionSchema.parse({
  header: { relisim: "0.1.0", scenario: "m", hash: "h", seed: 1, margin: 0.05, maxReplications: 30 },
  stopped: "capped",
  rounds: 6,
  ranking: [row("image 91", "imageInPlace", 91, 1, 0.5, 1.5, 0.7), row("image 7", "imageInPlace", 7, 12, 10, 14, 0.98), row("copy 91", "copyState", 91, 12.5, 11, 14, 0.98), row("copy 7", "copyState", 7, 160, 150, 170, 0.99)],
  pairs: [
    { safer: "image 91", riskier: "image 7", difference: { mean: 11, ci95Low: 9, ci95High: 13, n: 5 }, verdict: "resolved" },
    { safer: "image 7", riskier: "copy 91", difference: { mean: 0.5, ci95Low: -1, ci95High: 2, n: 30 }, verdict: "capped" },
    { safer: "copy 91", riskier: "copy 7", difference: { mean: 147, ci95Low: 140, ci95High: 155, n: 5 }, verdict: "resolved" },
  ],
  baseline: row("no maintenance", null, null, 0.2, 0.05, 0.35, 0),
});

describe("decisionSection", () => {
  test("one curve per strategy (points in cadence order), the baseline as its own layer, log axes for a 160-fold spread", () => {
    const s = decisionSection(FILE);
    expect(s.charts).toHaveLength(1);
    const spec = JSON.stringify(s.charts[0]);
    const spread = s.charts[0] as unknown as { layer: Array<{ data: { values: Array<Record<string, unknown>> } }> };
    expect(spread.layer[0].data.values).toEqual([{ mean: 0.2, low: 0.05, high: 0.35 }]);
    expect(spread.layer[1].data.values.map((p) => `${p.strategy}/${p.everyDays}`)).toEqual(["copyState/7", "copyState/91", "imageInPlace/7", "imageInPlace/91"]);
    expect(spec).toContain('"type":"log"');
    expect(spec).toContain("no maintenance");
  });

  test("the table ranks the plans and puts the baseline last; the pairs say which stopped at the cap; the intro says it is not resolved", () => {
    const s = decisionSection(FILE);
    const [ranked, pairs] = s.tables;
    expect(ranked.rows.map((r) => r[1])).toEqual(["image 91", "image 7", "copy 91", "copy 7", "no maintenance"]);
    expect(ranked.rows[4][0]).toBe("baseline");
    expect(pairs.rows.map((r) => r[5])).toEqual(["resolved", "capped", "resolved"]);
    expect(s.intro).toMatch(/not fully resolved: 1 of 3 adjacent pairs reached the cap of 30/);
  });

  test("renders to SVG without a warning", async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(decisionSection(FILE).charts[0], warnings);
    expect(svg).toMatch(/^<svg/);
    expect(warnings).toEqual([]);
  });
});
