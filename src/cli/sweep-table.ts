import type { ScenarioKind } from "../experiment/headline-figures.js";
import { summarizeFigures } from "../experiment/replications.js";
import { figureNames } from "../experiment/headline-figures.js";
import type { SweepAxis, SweepPointResult } from "../experiment/sweep.js";
import { formatNumber, table } from "../report/format.js";

/** The figures the terminal table shows per sweep point (the CSV has them all). */
const SHOWN: Record<ScenarioKind, readonly [string, string][]> = {
  fleet: [["outagesPerYear", "outages/year"], ["outageHoursMean", "outage h (mean)"], ["timeAtRiskShare", "time at risk"]],
  cluster: [["episodes", "episodes"], ["availability", "availability"], ["recoveryMeanS", "recovery s (mean)"], ["latencyP99Ms", "p99 ms client-observed"]],
};

/** A sweep's summary for the terminal: each point's key figures, the first with its 95% interval. */
export function sweepTable(kind: ScenarioKind, grid: readonly SweepAxis[], results: readonly SweepPointResult[]): string {
  const shown = SHOWN[kind];
  const names = figureNames(kind);
  const rows = [
    [...grid.map((g) => g.path.split(".").pop()!), shown[0][1], "95% CI", ...shown.slice(1).map(([, label]) => label)],
    ...results.map((r) => {
      const e = summarizeFigures(names, r.figures);
      const first = e[shown[0][0]];
      return [
        ...grid.map((g) => String(r.overrides[g.path])),
        formatNumber(first.mean, 3),
        `${formatNumber(first.ci95Low, 3)}–${formatNumber(first.ci95High, 3)}`,
        ...shown.slice(1).map(([f]) => formatNumber(e[f].mean, 4)),
      ];
    }),
  ];
  return table(rows);
}
