import type { DecisionDocument, DecisionRow } from "../experiment/decision.js";
import type { PairVerdict } from "../experiment/ranking.js";
import { formatNumber, formatShare, table } from "../report/format.js";

const share = (x: number | null) => (x === null ? "—" : formatShare(x));

/** A row's cells: outages/year (95% CI), ratio, shares by cause, outage hours. */
function cells(rank: string, r: DecisionRow): string[] {
  const o = r.estimate.outagesPerYear;
  return [
    rank,
    r.name,
    String(r.replications),
    `${formatNumber(o.mean, 3)} (${formatNumber(o.ci95Low, 3)}–${formatNumber(o.ci95High, 3)})`,
    r.ratioToSafest === null ? "—" : `${formatNumber(r.ratioToSafest, 3)}×`,
    share(r.causeShares.hardware),
    share(r.causeShares.maintenance),
    share(r.causeShares.badDeploy),
    formatNumber(r.estimate.outageHoursMean.mean, 3),
    formatNumber(r.outageHoursMaxAll, 3),
  ];
}

const SAYS: Record<PairVerdict, string> = {
  resolved: "resolved",
  tied: "tied within the margin",
  unresolved: "unresolved",
  capped: "not resolved at the cap",
};

/** The ranked answer for the terminal: the table (baseline last), then each adjacent pair's verdict. */
export function decideTable(doc: DecisionDocument): string {
  const head = ["rank", "candidate", "reps", "outages/year (95% CI)", "× safest", "hardware", "maintenance", "bad deploy", "outage h mean", "outage h max"];
  const rows = [head, ...doc.ranking.map((r, k) => cells(String(k + 1), r)), cells("base", { ...doc.baseline, name: `${doc.baseline.name} (baseline)` })];
  const pairs = doc.pairs.map((p) => {
    const d = p.difference;
    const interval = Number.isNaN(d.ci95Low) ? "no interval" : `${formatNumber(d.ci95Low, 3)} to ${formatNumber(d.ci95High, 3)}`;
    return `  ${p.safer} < ${p.riskier}: ${SAYS[p.verdict]} (difference ${formatNumber(d.mean, 3)}/year, paired 95% CI ${interval}, ${d.n} pairs)`;
  });
  const capped = doc.pairs.filter((p) => p.verdict === "capped").length;
  const verdict =
    doc.stopped === "resolved"
      ? `Ranking resolved after ${doc.rounds} round${doc.rounds === 1 ? "" : "s"}: every adjacent pair's paired 95% interval excludes 0 or lies within ±${formatShare(doc.header.margin)} of the safer's mean.`
      : `Ranking NOT fully resolved: ${capped} of ${doc.pairs.length} adjacent pairs reached the cap of ${doc.header.maxReplications} replications (raise --max-replications or --margin).`;
  return `${table(rows)}\n\nShares: of each row's quorum losses, by what was missing from the ranges that lost quorum.\n\n${pairs.join("\n")}\n\n${verdict}\n`;
}
