import { expect, test } from "vitest";
import { compareCells, type ComparedOutcome } from "../../src/report/compare-rows.js";
import { estimateTable } from "../../src/report/estimate-table.js";
import { formatNines, formatShares } from "../../src/report/format.js";

test("shares side by side get one number of decimals, the most any of them needs; 0 and 1 stay exact", () => {
  expect(formatShares([0.99995, 0.99988, 0.4])).toEqual(["99.9950%", "99.9880%", "40.0000%"]);
  expect(formatShares([0.5, 0.25])).toEqual(["50.0%", "25.0%"]);
  expect(formatShares([1, 0.999, 0])).toEqual(["100%", "99.900%", "0%"]);
});

test("nines with no failed request are a lower bound, and say so", () => {
  expect(formatNines(5.8614, 1)).toBe("≥ 5.86");
  expect(formatNines(3.93, 0.99988)).toBe("3.93");
});

test("a comparison's availability row shares its decimals, and its nines row marks the bound", () => {
  const outcome = (availability: number, nines: number): ComparedOutcome => ({
    frequency: { count: 0, scripted: 0, random: 0, perDay: null } as unknown as ComparedOutcome["frequency"],
    blastRadius: {
      maxRequests: 0,
      seen: Object.fromEntries(["clients", "zones", "regions", "tenants", "ranges"].map((d) => [d, { touched: 0, of: 1, traffic: null }])),
      fault: { nodes: { touched: 0, of: 1 }, zones: { touched: 0, of: 1 }, regions: { touched: 0, of: 1 } },
    } as unknown as ComparedOutcome["blastRadius"],
    recoveryS: { mean: 0, max: 0 },
    timeToDetectS: null,
    timeToMitigateS: null,
    availability,
    nines,
    requests: { total: 1000 },
    latencyMs: { all: null } as unknown as ComparedOutcome["latencyMs"],
    successLatencyMs: { all: null } as unknown as ComparedOutcome["successLatencyMs"],
  });
  const rows = compareCells([outcome(0.99995, 4.3), outcome(0.4, 0.22), outcome(1, 5.86)]);
  expect(rows.find((r) => r[0] === "availability")!.slice(1)).toEqual(["99.9950%", "40.0000%", "100%"]);
  expect(rows.find((r) => r[0] === "nines")!.slice(1)).toEqual(["4.3", "0.22", "≥ 5.86"]);
});

test("a replicated share and its interval share their decimals", () => {
  const text = estimateTable(["availability"], [{ name: "base", replications: 3, estimate: { availability: { mean: 0.9908, ci95Low: 0.9893, ci95High: 0.99234, std: 0.00061 } } }]);
  expect(text).toContain("99.08% (98.93%–99.23%, sd");
});
