import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { DECISION_FIGURES } from "./decision-figures.js";
import type { DecisionRuns } from "./decision-runs.js";
import type { PairedDifference } from "./paired-differences.js";
import type { PairVerdict } from "./ranking.js";
import { summarizeFigures } from "./replications.js";
import type { ResultHeader } from "./run-scenario.js";
import { roundReported, type ReportedEstimate } from "./statistics.js";

/** A candidate of a decision: a name and the fleet configuration it runs. */
export interface DecisionCandidate {
  readonly name: string;
  readonly config: FleetConfig;
}

/** How a decision's replications were planned (in decide.json's header). */
export interface DecisionHeader extends ResultHeader {
  readonly kind: "fleet";
  readonly rankedBy: string;
  readonly firstReplications: number;
  readonly batch: number;
  readonly maxReplications: number;
  readonly margin: number;
}

/** Shares of a row's quorum losses by range cause (null: no outage to share out). */
export interface CauseShares {
  readonly hardware: number | null;
  readonly maintenance: number | null;
  readonly badDeploy: number | null;
}

/** One row of the answer: a candidate (or the baseline) summarized over its replications. */
export interface DecisionRow {
  readonly name: string;
  /** The maintenance the row runs (null: none), for the cadence chart. */
  readonly strategy: string | null;
  readonly everyDays: number | null;
  readonly replications: number;
  /** Every decision figure's mean, sd and 95% interval. */
  readonly estimate: Record<string, ReportedEstimate>;
  /** Mean outages per year over the safest candidate's (null when the safest has none). */
  readonly ratioToSafest: number | null;
  readonly causeShares: CauseShares;
  /** The longest outage of any replication, hours. */
  readonly outageHoursMaxAll: number;
}

export interface DecisionDocument {
  readonly header: DecisionHeader;
  /** `resolved`: every adjacent pair resolved or tied; `capped`: at least one stopped at the cap. */
  readonly stopped: "resolved" | "capped";
  readonly rounds: number;
  /** The candidates, safest first. */
  readonly ranking: readonly DecisionRow[];
  /** ranking[k] against ranking[k + 1]: the paired difference of outages per year and its verdict. */
  readonly pairs: ReadonlyArray<{ readonly safer: string; readonly riskier: string; readonly difference: PairedDifference; readonly verdict: PairVerdict }>;
  /** The same fleet without maintenance. */
  readonly baseline: DecisionRow;
}

const figure = (name: (typeof DECISION_FIGURES)[number]) => DECISION_FIGURES.indexOf(name);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * decide.json: the candidates in the ranking's order with their estimates, shares by cause and
 * ratio to the safest; the pairs' verdicts; the baseline. A pure function of its input.
 */
export function decisionDocument(header: DecisionHeader, candidates: readonly DecisionCandidate[], baseline: DecisionCandidate, runs: DecisionRuns): DecisionDocument {
  const safest = mean(runs.candidates[runs.ranking.order[0]].map((r) => r[figure("outagesPerYear")]));
  const row = (c: DecisionCandidate, figures: readonly number[][]): DecisionRow => {
    const outages = mean(figures.map((r) => r[figure("outagesPerYear")]));
    const share = (f: (typeof DECISION_FIGURES)[number]) => (outages > 0 ? roundReported(mean(figures.map((r) => r[figure(f)])) / outages) : null);
    return {
      name: c.name,
      strategy: c.config.maintenance?.strategy ?? null,
      everyDays: c.config.maintenance?.everyDays ?? null,
      replications: figures.length,
      estimate: summarizeFigures([...DECISION_FIGURES], figures as number[][]),
      ratioToSafest: safest > 0 ? roundReported(outages / safest) : null,
      causeShares: { hardware: share("hardwareOutagesPerYear"), maintenance: share("maintenanceOutagesPerYear"), badDeploy: share("badDeployOutagesPerYear") },
      outageHoursMaxAll: roundReported(Math.max(0, ...figures.map((r) => r[figure("outageHoursMax")]))),
    };
  };
  const pairs = runs.ranking.pairs.map(({ safer, riskier, difference, verdict }) => ({ safer, riskier, difference, verdict }));
  return {
    header,
    stopped: pairs.every((p) => p.verdict === "resolved" || p.verdict === "tied") ? "resolved" : "capped",
    rounds: runs.rounds,
    ranking: runs.ranking.order.map((i) => row(candidates[i], runs.candidates[i])),
    pairs,
    baseline: row(baseline, runs.baseline),
  };
}
