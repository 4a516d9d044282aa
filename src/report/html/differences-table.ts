import { differenceCell, EXCLUDES_ZERO_MARK } from "../difference-table.js";
import { figureLabel } from "../figure-labels.js";
import type { ReportTable } from "./report-page.js";
import type { PairedDifference } from "./result-schemas.js";

/** What a compare.json says about paired differences (absent in files written before it did). */
interface WithDifferences {
  readonly baseline?: string;
  readonly differences?: Readonly<Record<string, Readonly<Record<string, PairedDifference>>>>;
}

const orNaN = (x: number | null) => (x === null ? NaN : x);

/**
 * Each variant's paired differences against the baseline, one row per figure (in `figures`
 * order), in the words and units of the terminal table (shares in percentage points); none when the file has none or there is no
 * interval (fewer than two replications).
 */
export function differencesTable(compare: WithDifferences, figures: readonly string[], replications: number): ReportTable | undefined {
  const { baseline, differences } = compare;
  if (baseline === undefined || differences === undefined || Object.keys(differences).length === 0 || replications < 2) return undefined;
  const variants = Object.keys(differences);
  return {
    caption: `Paired differences against ${baseline}: mean difference (95% interval); ${EXCLUDES_ZERO_MARK} the interval excludes 0`,
    head: ["", ...variants.map((v) => `${v} \u2212 ${baseline}`)],
    rows: figures.map((figure) => [
      figureLabel(figure).label,
      ...variants.map((v) => {
        const d = differences[v][figure];
        return differenceCell(figure, d && { mean: orNaN(d.mean), ci95Low: orNaN(d.ci95Low), ci95High: orNaN(d.ci95High), n: d.n });
      }),
    ]),
    note:
      "Replication i of every variant runs on the same seed (common random numbers), so each interval is the Student-t interval " +
      "of the per-replication differences: the noise the variants share cancels, and it is often far narrower than either variant's own.",
  };
}
