import { TIMELINE_SIZE, type LayerPart } from "./chart-style.js";
import type { TimeAxis } from "./time-axis.js";

/** A fault's span as the results record it (seconds; `endS` null: it never ended). */
export interface FaultMark {
  readonly fault: string;
  readonly startS: number;
  readonly endS: number | null;
}

/** What a run's timelines mark besides their lines: its faults and its SLO's thresholds. */
export interface TimelineMarks {
  readonly faults: readonly FaultMark[];
  /** The SLO's latency bounds, ms, labelled (e.g. "GET p99 SLO 250 ms"). */
  readonly latencySlo: ReadonlyArray<{ readonly value: number; readonly label: string }>;
  /** The SLO's error rates allowed, %, labelled. */
  readonly errorSlo: ReadonlyArray<{ readonly value: number; readonly label: string }>;
}

/** Results written before relisim recorded faults and SLOs: nothing to mark. */
export const NO_MARKS: TimelineMarks = { faults: [], latencySlo: [], errorSlo: [] };

/** Faults marked on a timeline at most: beyond, the markers would hide the lines. */
export const MAX_FAULT_MARKS = 12;
const FAULT_COLOR = "#555";
const THRESHOLD_COLOR = "#b22222";

/**
 * Where each fault starts (a solid rule, labelled with the fault at the top of the plot) and
 * ends (a dashed rule), behind the lines: the cause beside its effect on every timeline. Only
 * the first MAX_FAULT_MARKS faults (the caller says so in its subtitle when there are more).
 */
export function faultLayers(faults: readonly FaultMark[], axis: TimeAxis): LayerPart[] {
  const shown = faults.slice(0, MAX_FAULT_MARKS);
  if (shown.length === 0) return [];
  const starts = shown.map((f) => ({ t: f.startS / axis.seconds, label: f.fault }));
  const ends = shown.filter((f) => f.endS !== null).map((f) => ({ t: f.endS! / axis.seconds }));
  const rule = (dash: number[]) => ({ type: "rule" as const, color: FAULT_COLOR, strokeWidth: 1, strokeDash: dash, opacity: 0.8 });
  const x = { field: "t", type: "quantitative" as const };
  return [
    { data: { values: starts }, mark: rule([1, 0]), encoding: { x } },
    ...(ends.length > 0 ? [{ data: { values: ends }, mark: rule([3, 3]), encoding: { x } }] : []),
    {
      data: { values: starts },
      mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 2, fontSize: 10, color: FAULT_COLOR },
      encoding: { x, y: { value: 0 }, text: { field: "label" } },
    },
  ];
}

/**
 * Horizontal lines at thresholds (the SLO's latency bounds, its error rate), each labelled at
 * the right edge; equal values are drawn once with their labels joined.
 */
export function thresholdLayers(thresholds: ReadonlyArray<{ readonly value: number; readonly label: string }>): LayerPart[] {
  const byValue = new Map<number, string[]>();
  for (const t of thresholds) if (Number.isFinite(t.value) && t.value > 0) byValue.set(t.value, [...(byValue.get(t.value) ?? []), t.label]);
  if (byValue.size === 0) return [];
  const values = [...byValue].map(([value, labels]) => ({ value, label: labels.join(", ") }));
  return [
    // No title of their own: the shared axis keeps the lines' title and unit ("error rate (%)"); a null here would blank it.
    { data: { values }, mark: { type: "rule", color: THRESHOLD_COLOR, strokeWidth: 1, strokeDash: [6, 3] }, encoding: { y: { field: "value", type: "quantitative" } } },
    {
      data: { values },
      mark: { type: "text", align: "right", baseline: "bottom", dy: -2, fontSize: 10, color: THRESHOLD_COLOR },
      encoding: { x: { value: TIMELINE_SIZE.width }, y: { field: "value", type: "quantitative" }, text: { field: "label" } },
    },
  ];
}

/** What a chart's subtitle says of its marks: "" when it has none. */
export function marksNote(marks: TimelineMarks, thresholds: readonly unknown[] = []): string {
  const parts: string[] = [];
  const n = marks.faults.length;
  if (n > 0) parts.push(`grey: faults start (solid) and end (dashed)${n > MAX_FAULT_MARKS ? `, the first ${MAX_FAULT_MARKS} of ${n}` : ""}`);
  if (thresholds.length > 0) parts.push("red dashed: the SLO");
  return parts.length > 0 ? `; ${parts.join("; ")}` : "";
}

/**
 * A timeline's subtitle as lines, what its marks mean on a line of its own: one long line would
 * widen the chart past the page, and the page would shrink it.
 */
export function subtitleLines(lines: readonly string[], marks: TimelineMarks, thresholds: readonly unknown[] = []): string[] {
  const note = marksNote(marks, thresholds);
  return note === "" ? [...lines] : [...lines, note.slice(2)];
}
