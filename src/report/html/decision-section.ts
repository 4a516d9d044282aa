import { formatNumber, formatShare } from "../format.js";
import { decisionChart, type CadencePoint } from "./charts/decision-chart.js";
import type { DecisionFile, DecisionFileRow } from "./decision-schema.js";
import { headerLine, type ReportSection } from "./report-section.js";

const share = (x: number | null) => (x === null ? "—" : formatShare(x));
const num = (x: number | null) => (x === null ? "—" : formatNumber(x, 3));

function cells(rank: string, r: DecisionFileRow): string[] {
  const o = r.estimate.outagesPerYear;
  return [
    rank,
    r.name,
    String(r.replications),
    `${num(o.mean)} (${num(o.ci95Low)}–${num(o.ci95High)})`,
    r.ratioToSafest === null ? "—" : `${formatNumber(r.ratioToSafest, 3)}×`,
    share(r.causeShares.hardware),
    share(r.causeShares.maintenance),
    share(r.causeShares.badDeploy),
    num(r.estimate.outageHoursMean.mean),
    formatNumber(r.outageHoursMaxAll, 3),
  ];
}

/**
 * `relisim decide`: the talk's chart (quorum losses per year against cadence, one curve per
 * strategy, 95% bands, the no-maintenance baseline as a line), the ranked table and the verdict
 * of each adjacent pair.
 */
export function decisionSection(d: DecisionFile): ReportSection {
  const plotted = d.ranking.filter((r) => r.strategy !== null && r.everyDays !== null && r.estimate.outagesPerYear.mean !== null);
  const strategies = [...new Set(plotted.map((r) => r.strategy!))];
  const points: CadencePoint[] = plotted
    .map((r) => ({ everyDays: r.everyDays!, strategy: r.strategy!, mean: r.estimate.outagesPerYear.mean!, low: r.estimate.outagesPerYear.ci95Low ?? 0, high: r.estimate.outagesPerYear.ci95High ?? 0 }))
    .sort((a, b) => a.strategy.localeCompare(b.strategy) || a.everyDays - b.everyDays);
  const b = d.baseline.estimate.outagesPerYear;
  const reps = [...new Set(d.ranking.map((r) => r.replications))].sort((x, y) => x - y);
  const subtitle = `mean of ${reps.length === 1 ? reps[0] : `${reps[0]}–${reps[reps.length - 1]}`} replications on common seeds; bands: 95% confidence intervals`;
  const charts = plotted.length > 0 ? [decisionChart(points, strategies, { mean: b.mean ?? 0, low: b.ci95Low ?? 0, high: b.ci95High ?? 0 }, subtitle)] : [];
  const capped = d.pairs.filter((p) => p.verdict === "capped").length;
  const verdict =
    d.stopped === "resolved"
      ? `Ranking resolved after ${d.rounds} rounds: every adjacent pair's paired 95% interval excludes 0 or lies within ±${formatShare(d.header.margin)} of the safer's mean.`
      : `Ranking not fully resolved: ${capped} of ${d.pairs.length} adjacent pairs reached the cap of ${d.header.maxReplications} replications.`;
  return {
    scenario: d.header.scenario,
    heading: `Maintenance decision: ${d.header.scenario}`,
    intro: `${d.ranking.length} plans ranked by quorum losses per year, safest first. ${verdict} · ${headerLine(d.header)}`,
    charts,
    tables: [
      {
        caption: "Ranked plans, safest first; shares of each row's quorum losses by what was missing from the ranges that lost quorum",
        head: ["rank", "plan", "replications", "outages/year (95% CI)", "× safest", "hardware", "maintenance", "bad deploy", "outage h (mean)", "outage h (max)"],
        rows: [...d.ranking.map((r, k) => cells(String(k + 1), r)), cells("baseline", { ...d.baseline, name: `${d.baseline.name}` })],
      },
      {
        caption: "Adjacent pairs: paired difference of outages per year (riskier − safer) on common random numbers",
        head: ["safer", "riskier", "difference", "95% CI", "pairs", "verdict"],
        rows: d.pairs.map((p) => [p.safer, p.riskier, num(p.difference.mean), `${num(p.difference.ci95Low)} to ${num(p.difference.ci95High)}`, String(p.difference.n), p.verdict]),
      },
    ],
  };
}
