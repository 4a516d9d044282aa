import { formatCount } from "../format.js";
import { FLEET_FIGURES } from "./fleet-figures.js";
import { estimateCells } from "./headline-labels.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { FleetSummary } from "./result-schemas.js";

/** A fleet run (one configuration, replicated): its figures with 95% intervals, as a table. */
export function fleetRunSection(run: FleetSummary): ReportSection {
  const o = run.outcome;
  return {
    scenario: run.header.scenario,
    heading: `Run: ${run.header.scenario}${run.header.variant ? ` [${run.header.variant}]` : ""}`,
    intro: `${formatCount(o.clusters)} clusters × ${o.years} years, ${o.replications} replications · ${headerLine(run.header)}`,
    charts: [],
    tables: [
      {
        caption: "Fleet outcome",
        head: ["figure", "mean", "95% interval"],
        rows: FLEET_FIGURES.map(({ key, label }) => {
          const t = estimateCells(key, o[key]);
          return [label, t.mean, t.interval];
        }),
      },
    ],
  };
}
