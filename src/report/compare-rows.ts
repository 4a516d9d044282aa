import type { Frequency, LatencyByOp } from "../experiment/outcome/run-outcome.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS, type FaultDimension, type SeenDimension } from "../metrics/episode-detector.js";
import { FAULT_LABELS, SEEN_LABELS, formatBreadth, frequencyCell } from "./answer-cells.js";
import { figureLabel } from "./figure-labels.js";
import { formatCount, formatMs, formatNines, formatNumber, formatSeconds, formatShare, formatShares } from "./format.js";

/**
 * What a comparison of variants reads of each variant's outcome: a run's outcome as relisim
 * made it (terminal), or as read back from `compare.json` (HTML report).
 */
export interface ComparedOutcome {
  readonly frequency: Frequency;
  readonly blastRadius: {
    readonly maxRequests: number;
    readonly seen: Readonly<Record<SeenDimension, { readonly touched: number; readonly of: number; readonly traffic: number | null }>>;
    readonly fault: Readonly<Record<FaultDimension, { readonly touched: number; readonly of: number }>>;
  };
  readonly recoveryS: { readonly mean: number; readonly max: number };
  readonly timeToDetectS: { readonly mean: number } | null;
  readonly timeToMitigateS: { readonly mean: number } | null;
  readonly availability: number;
  readonly nines: number;
  /** Requests by outcome (a run's outcome types them by an index, hence optional here). */
  readonly requests: { readonly total: number } & Readonly<Partial<Record<"timedOut" | "unavailable" | "failed" | "shed", number>>>;
  readonly latencyMs: LatencyByOp;
  readonly successLatencyMs: LatencyByOp;
}

/** One row of the comparison: its label and one variant's cell. */
export interface CompareRow {
  readonly label: string;
  readonly cell: (o: ComparedOutcome) => string;
  /** The whole row's cells at once, where they share a format (shares with one number of decimals). */
  readonly cells?: (os: readonly ComparedOutcome[]) => string[];
}

const countCell = (n: number | undefined) => (n === undefined ? "—" : formatCount(n));
const latencyCell = (l: LatencyByOp, key: "p50" | "p99" | "p999") => (l.all ? formatMs(l.all[key]) : "—");
/** A row named as its headline figure is named everywhere else (figure-labels.ts). */
const figureRow = (figure: string, cell: CompareRow["cell"]): CompareRow => ({ label: figureLabel(figure).label, cell });

/**
 * The rows of a comparison of variants, for the terminal and the HTML report alike: the three
 * answers first (how often, how big in both views of breadth, how long), then availability,
 * requests by outcome, and latency leading with what clients saw. Rows that would say nothing
 * for these variants are left out: a per-day rate where no variant had random faults, a breadth
 * of a dimension with one entity everywhere (one tenant), times to detect where no operation acted.
 */
export function compareRows(outcomes: readonly ComparedOutcome[]): CompareRow[] {
  const anyRate = outcomes.some((o) => o.frequency.perDay);
  const seen = SEEN_DIMENSIONS.filter((d) => outcomes.some((o) => o.blastRadius.seen[d].of > 1));
  const fault = FAULT_DIMENSIONS.filter((d) => outcomes.some((o) => o.blastRadius.fault[d].of > 1));
  const acted = outcomes.some((o) => o.timeToDetectS || o.timeToMitigateS);
  const perDay = (o: ComparedOutcome) => (o.frequency.perDay ? `${formatNumber(o.frequency.perDay.ci95Low, 2)}–${formatNumber(o.frequency.perDay.ci95High, 2)}` : "—");
  return [
    figureRow("episodes", (o) => frequencyCell(o.frequency)),
    ...(anyRate ? [{ label: "  per day (95% CI)", cell: perDay }] : []),
    { ...figureRow("blastRadiusMaxRequests", (o) => formatShare(o.blastRadius.maxRequests)), cells: (os) => formatShares(os.map((o) => o.blastRadius.maxRequests)) },
    ...seen.map((d) => ({ label: `felt by ${SEEN_LABELS[d]}`, cell: (o: ComparedOutcome) => formatBreadth(o.blastRadius.seen[d], true) })),
    ...fault.map((d) => ({ label: `fault in ${FAULT_LABELS[d]}`, cell: (o: ComparedOutcome) => formatBreadth(o.blastRadius.fault[d]) })),
    figureRow("recoveryMeanS", (o) => formatSeconds(o.recoveryS.mean)),
    figureRow("recoveryMaxS", (o) => formatSeconds(o.recoveryS.max)),
    ...(acted
      ? [
          { label: "time to detect", cell: (o: ComparedOutcome) => (o.timeToDetectS ? formatSeconds(o.timeToDetectS.mean) : "—") },
          { label: "time to mitigate", cell: (o: ComparedOutcome) => (o.timeToMitigateS ? formatSeconds(o.timeToMitigateS.mean) : "—") },
        ]
      : []),
    { ...figureRow("availability", (o) => formatShare(o.availability)), cells: (os) => formatShares(os.map((o) => o.availability)) },
    { label: "nines", cell: (o) => formatNines(o.nines, o.availability) },
    { label: "requests", cell: (o) => formatCount(o.requests.total) },
    { label: "timed out", cell: (o) => countCell(o.requests.timedOut) },
    { label: "unavailable", cell: (o) => countCell(o.requests.unavailable) },
    { label: "failed", cell: (o) => countCell(o.requests.failed) },
    { label: "shed", cell: (o) => countCell(o.requests.shed) },
    figureRow("latencyP50Ms", (o) => latencyCell(o.latencyMs, "p50")),
    figureRow("latencyP99Ms", (o) => latencyCell(o.latencyMs, "p99")),
    figureRow("latencyP999Ms", (o) => latencyCell(o.latencyMs, "p999")),
    figureRow("successLatencyP99Ms", (o) => latencyCell(o.successLatencyMs, "p99")),
  ];
}

/** The rows as a table's cells: one row per figure, a label then one cell per variant. */
export function compareCells(outcomes: readonly ComparedOutcome[]): string[][] {
  return compareRows(outcomes).map((r) => [r.label, ...(r.cells ? r.cells(outcomes) : outcomes.map(r.cell))]);
}
