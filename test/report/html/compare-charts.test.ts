import { expect, test } from "vitest";
import { clusterCompareSection } from "../../../src/report/html/compare-section.js";
import { readResults } from "../../../src/report/html/read-results.js";

/** The bars of one figure of a comparison's chart: name, values and labels. */
function bars(figurePrefix: string, recoveryMaxS: number[]) {
  const results = readResults("test/fixtures/report/compare");
  const compare = structuredClone(results.clusterCompare!);
  Object.values(compare.variants).forEach((o, i) => ((o.recoveryS as { max: number }).max = recoveryMaxS[i]));
  const spec = clusterCompareSection(compare).charts[0] as unknown as { data: { values: Array<{ figure: string; value: number; label: string }> } };
  return spec.data.values.filter((b) => b.figure.startsWith(figurePrefix));
}

test("the longest recovery is drawn and labelled in one unit, the one that suits the longest", () => {
  expect(bars("recovery max", [2, 30]).map((b) => [b.figure, b.value, b.label])).toEqual([
    ["recovery max (s)", 2, "2 s"],
    ["recovery max (s)", 30, "30 s"],
  ]);
  expect(bars("recovery max", [30, 160]).map((b) => [b.figure, b.label])).toEqual([
    ["recovery max (min)", "0.5 min"],
    ["recovery max (min)", "2.67 min"],
  ]);
  expect(bars("recovery max", [60, 3 * 3600])[1]).toMatchObject({ figure: "recovery max (h)", value: 3, label: "3 h" });
});

test("a comparison with its variants' timelines overlays them, one chart per figure, one line per variant", () => {
  const results = readResults("test/fixtures/report/compare");
  expect(results.variantRuns).toHaveLength(2);
  const charts = clusterCompareSection(results.clusterCompare!, results.variantRuns).charts as unknown as Array<{ title: { text: string }; data?: { values: Array<{ variant: string }> } }>;
  const overlays = charts.filter((c) => c.title.text.endsWith("by variant"));
  expect(overlays.map((c) => c.title.text)).toEqual(["p99 per window, client-observed, by variant", "Error rate per window, by variant"]);
  for (const c of overlays) expect(new Set(c.data!.values.map((v) => v.variant))).toEqual(new Set(["read=ONE", "read=ALL"]));
  // Without the variants' timelines (results from before compare wrote them): the bars alone.
  expect(clusterCompareSection(results.clusterCompare!).charts).toHaveLength(1);
});
