import type { ScenarioKind } from "../experiment/headline-figures.js";
import { summarizeFigures } from "../experiment/replications.js";
import { figureNames } from "../experiment/headline-figures.js";
import type { SweepAxis, SweepPointResult } from "../experiment/sweep.js";
import { figureLabel, formatFigure, formatFigureInterval } from "../report/figure-labels.js";
import { formatShares, table } from "../report/format.js";

/** The figures the terminal table shows per sweep point (the CSV has them all). */
const SHOWN: Record<ScenarioKind, readonly string[]> = {
  fleet: ["outagesPerYear", "outageHoursMean", "timeAtRiskShare"],
  cluster: ["episodes", "availability", "recoveryMeanS", "latencyP99Ms"],
};

/**
 * A sweep's summary for the terminal: each point's key figures in the words and units of every
 * other table (figure-names.ts), the first with its 95% interval; a share column's cells share
 * their decimals.
 */
export function sweepTable(kind: ScenarioKind, grid: readonly SweepAxis[], results: readonly SweepPointResult[]): string {
  const [first, ...rest] = SHOWN[kind];
  const names = figureNames(kind);
  const estimates = results.map((r) => summarizeFigures(names, r.figures));
  const column = (f: string) => {
    const means = estimates.map((e) => e[f].mean);
    return figureLabel(f).unit === "share" && means.every((x) => !Number.isNaN(x)) ? formatShares(means) : means.map((x) => formatFigure(f, x));
  };
  const columns = [first, ...rest].map(column);
  const rows = [
    [...grid.map((g) => g.path.split(".").pop()!), figureLabel(first).label, "95% CI", ...rest.map((f) => figureLabel(f).label)],
    ...results.map((r, i) => [
      ...grid.map((g) => String(r.overrides[g.path])),
      columns[0][i],
      formatFigureInterval(first, estimates[i][first].ci95Low, estimates[i][first].ci95High),
      ...columns.slice(1).map((c) => c[i]),
    ]),
  ];
  return table(rows);
}
