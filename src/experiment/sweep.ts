import { resultHeader } from "./run-scenario.js";
import { stringify } from "csv-stringify/sync";
import type { FleetScenario } from "../scenario/load-fleet-scenario.js";
import { deriveFleetVariant } from "../scenario/load-fleet-scenario.js";
import { deriveVariant, type Scenario } from "../scenario/load-scenario.js";
import { figureName } from "./figure-names.js";
import { figureNames, type ScenarioKind } from "./headline-figures.js";
import type { ReplicatedPoint } from "./replications.js";
import { summarizeFigures } from "./replications.js";
import { toJson } from "./result-files.js";
import type { ReportedEstimate } from "./statistics.js";

/** One axis of a sweep's grid. */
export interface SweepAxis {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** Everything a sweep's result depends on; shards must agree on it to be merged. */
export interface SweepHeader {
  readonly relisim: string;
  readonly node: string;
  readonly scenario: string;
  readonly file: string;
  readonly hash: string;
  readonly kind: ScenarioKind;
  readonly seed: number;
  readonly replications: number;
  readonly precision: number | null;
  /** The figure `precision` is about. */
  readonly precisionOf: string | null;
}

/** A grid point ready to replicate, with the overrides that define it. */
export type SweepPoint = ReplicatedPoint & { readonly overrides: Record<string, unknown> };

export function sweepHeader(
  scenario: Scenario | FleetScenario,
  kind: ScenarioKind,
  seed: number,
  replications: number,
  precision?: { precision: number; of: number },
): SweepHeader {
  return {
    ...resultHeader(scenario, seed),
    kind,
    replications,
    precision: precision?.precision ?? null,
    precisionOf: precision ? figureNames(kind)[precision.of] : null,
  };
}

/** The tasks of a grid point: a fleet or cluster configuration with its overrides applied. */
export function sweepPoint(
  scenario: Scenario | FleetScenario,
  name: string,
  overrides: Record<string, unknown>,
  seed: number,
  maxEvents?: number,
): SweepPoint {
  if ("kind" in scenario && scenario.kind === "fleet") {
    return { name, overrides, task: { kind: "fleet", config: deriveFleetVariant(scenario, name, overrides).config, seed, index: 0, maxEvents } };
  }
  const config = deriveVariant(scenario as Scenario, name, overrides).config;
  return { name, overrides, task: { kind: "cluster", config, seed, index: 0, maxEvents } };
}

/**
 * Shard `index` of `count`: replication r of point p is task p × replications + r, and the
 * shard takes the tasks whose number is `index` modulo `count`. Round-robin, so every shard
 * gets a similar mix of points even when one axis makes runs slower.
 */
export function inShard(shard: { index: number; count: number }, replications: number) {
  return (point: number, replication: number) => (point * replications + replication) % shard.count === shard.index;
}

/** A point's result: its overrides and each replication's figures, in replication order. */
export interface SweepPointResult {
  readonly overrides: Record<string, unknown>;
  readonly figures: readonly number[][];
}

/** The statistics sweep.csv gives of each figure, in column order. */
export const SWEEP_STATISTICS = ["mean", "std", "ci95_low", "ci95_high"] as const;

/**
 * sweep.csv and sweep.json of a finished sweep: one row per point with each headline figure's
 * mean, standard deviation and 95% interval. A pure function of its input: an unsharded run
 * and a merge of shards produce the same bytes.
 */
export function sweepDocuments(header: SweepHeader, grid: readonly SweepAxis[], results: readonly SweepPointResult[]): Record<"sweep.csv" | "sweep.json", string> {
  const names = figureNames(header.kind);
  const summaries = results.map((r) => summarizeFigures(names, r.figures));
  const rows = results.map((r, i) => [
    ...grid.map((g) => r.overrides[g.path] as string | number),
    r.figures.length,
    ...names.flatMap((f) => {
      const e: ReportedEstimate = summaries[i][f];
      return [e.mean, e.std, e.ci95Low, e.ci95High];
    }),
  ]);
  const csv = stringify(rows, {
    header: true,
    // Each figure's column (snake_case, its unit last: p99_ms, recovery_max_s), then the statistic.
    columns: [...grid.map((g) => g.path), "replications", ...names.flatMap((f) => SWEEP_STATISTICS.map((s) => `${figureName(f).column}_${s}`))],
  });
  const points = results.map((r, i) => ({ point: r.overrides, replications: r.figures.length, estimate: summaries[i] }));
  return { "sweep.csv": csv, "sweep.json": toJson({ header, grid, points }) };
}
