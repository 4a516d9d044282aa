import type { ResultHeader, VariantRun } from "../experiment/run-scenario.js";
import { compareCells } from "./compare-rows.js";
import { episodeTable } from "./episode-cells.js";
import { fitTable } from "./format.js";
import { fitToTerminal, timelineLines } from "./summary-table.js";

/**
 * Variants side by side: one column each, the three answers first. Breadth is the worst
 * episode's, where it was felt and where the fault was; latency leads with what clients saw.
 */
export function compareTable(header: ResultHeader, runs: readonly VariantRun[]): string {
  const rows = [["", ...runs.map((r) => r.name)], ...compareCells(runs.map((r) => r.simulation.outcome))];
  return fitToTerminal([
    `${header.scenario} — ${runs.length} variants on seed ${header.seed} (common random numbers)`,
    "",
    fitTable(rows, "  ", true),
    "",
    "  Breadth is the worst episode's: felt by = whose own traffic broke the SLO (share of traffic",
    "  they carried); fault in = servers down, degraded (slow disk, errors, GC storm, packet loss) or",
    "  shedding. Client-observed latency counts failures when the client gave up.",
    "",
    ...runs.flatMap((r) => [`  ${r.name}`, ...timelineLines(r.simulation).map((l) => `  ${l}`), ...episodeLines(r), ""]),
    `  relisim ${header.relisim} · node ${header.node} · scenario hash ${header.hash}`,
  ]);
}

const SHOWN_EPISODES = 8;

/** A variant's episodes under its timeline: where each was felt and where its fault was. */
function episodeLines(run: VariantRun): string[] {
  const list = run.simulation.outcome.episodes.list;
  if (list.length === 0) return [];
  const rows = episodeTable(list, SHOWN_EPISODES, ",");
  return [
    "",
    ...fitTable(rows, "    ").split("\n"),
    ...(list.length > SHOWN_EPISODES ? [`    … and ${list.length - SHOWN_EPISODES} more (see ${run.name}/episodes.csv)`] : []),
    ...(list.some((e) => e.scripted) ? ["    * during a scripted fault of the timeline"] : []),
  ];
}
