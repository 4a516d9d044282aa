import { expect, test } from "vitest";
import { compareCells, type ComparedOutcome } from "../../src/report/compare-rows.js";
import { episodeTable, type EpisodeLike } from "../../src/report/episode-cells.js";
import { barLabels, headlineLabel } from "../../src/report/html/headline-labels.js";

const breadth = (of: number) => ({ touched: 1, of, traffic: null });

test("a comparison's worst-bad-requests row has one number of decimals across the variants", () => {
  const outcome = (maxRequests: number) =>
    ({
      frequency: { episodes: 1, scripted: 1, unscripted: 0, perDay: null },
      blastRadius: {
        maxRequests,
        seen: { clients: breadth(1), zones: breadth(1), regions: breadth(1), tenants: breadth(1), ranges: breadth(1) },
        fault: { nodes: breadth(1), zones: breadth(1), regions: breadth(1) },
      },
      recoveryS: { mean: 1, max: 1 },
      timeToDetectS: null,
      timeToMitigateS: null,
      availability: 0.9,
      nines: 1,
      requests: { total: 10 },
      latencyMs: { all: null },
      successLatencyMs: { all: null },
    }) as unknown as ComparedOutcome;
  const row = compareCells([outcome(0.9988), outcome(0.999946), outcome(0.99981)]).find((r) => r[0] === "worst bad requests")!;
  expect(row.slice(1)).toEqual(["99.8800%", "99.9946%", "99.9810%"]);
});

test("the episodes table's bad-requests column has one number of decimals, terminal and HTML alike", () => {
  const episode = (requests: number): EpisodeLike => ({
    startS: 0,
    durationS: 10,
    ongoing: false,
    blastRadius: {
      requests,
      seen: { clients: breadth(2), zones: breadth(2), regions: breadth(2), ranges: breadth(2) },
      fault: { nodes: breadth(2), zones: breadth(2), regions: breadth(1) },
    },
    violatedOps: ["GET"],
    faults: [],
  });
  const [head, ...rows] = episodeTable([episode(0.124), episode(0.0323)], 10);
  const at = head.indexOf("bad requests");
  expect(rows.map((r) => r[at])).toEqual(["12.40%", "3.23%"]);
});

test("bars are labelled in their axis' unit: seconds as seconds, not 2m 40s on an axis in seconds; shares with shared decimals", () => {
  expect(headlineLabel("recoveryMeanS").name).toBe("recovery mean (s)");
  expect(barLabels("recoveryMeanS", [160, 85.5, null])).toEqual(["160 s", "85.5 s", "—"]);
  expect(headlineLabel("outageHoursMean").name).toBe("outage mean (h)");
  expect(barLabels("outageHoursMean", [2.5])).toEqual(["2.5 h"]);
  expect(barLabels("availability", [0.99995, null, 0.4])).toEqual(["99.9950%", "—", "40.0000%"]);
  expect(barLabels("latencyP99Ms", [4.9755])).toEqual(["4.98"]);
});
