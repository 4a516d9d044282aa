import type { TopLevelSpec } from "vega-lite";
import type { ReportTable } from "./report-page.js";

/** One part of the report before rendering: chart specs and tables. */
export interface ReportSection {
  /** The scenario the results are of: the page's title names them all. */
  readonly scenario: string;
  readonly heading: string;
  readonly intro: string;
  readonly charts: readonly TopLevelSpec[];
  readonly tables: readonly ReportTable[];
}

/** The reproducibility line of a result header. */
export function headerLine(h: { relisim: string; hash: string; seed: number; file?: unknown }): string {
  return `seed ${h.seed} · scenario hash ${h.hash}${typeof h.file === "string" ? ` · ${h.file}` : ""} · relisim ${h.relisim}`;
}
