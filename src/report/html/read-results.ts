import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type * as z from "zod";
import { ScenarioError, type ScenarioProblem } from "../../scenario/scenario-error.js";
import {
  clusterCompareSchema,
  clusterSummarySchema,
  fleetCompareSchema,
  fleetSummarySchema,
  replicatedSchema,
  sweepSchema,
  type ClusterCompare,
  type ClusterSummary,
  type FleetCompare,
  type FleetSummary,
  type Replicated,
  type ResultHeader,
  type SweepFile,
} from "./result-schemas.js";
import { decisionSchema, type DecisionFile } from "./decision-schema.js";
import { variantDir } from "./variant-dir.js";

/** One window of a run's timeline, all requests together (the `all` rows of windows.csv). */
export interface TimelineWindow {
  readonly startS: number;
  readonly endS: number;
  readonly requests: number;
  readonly ok: number;
  readonly errorRate: number;
  /** Client-observed latency percentiles, ms; null for a window with nothing to measure (an empty cell). */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly p999Ms: number | null;
  /** p99 of successes only, ms (null: no success); absent in results written before the column existed. */
  readonly successP99Ms?: number | null;
  /** Client requests offered in the window; absent in results written before the probe existed. */
  readonly offered?: number;
  /** Attempts sent, with hedges and retries. */
  readonly attempts?: number;
}

/** One cluster run's summary and, when windows.csv is there, its timeline. */
export interface ClusterRun {
  readonly summary: ClusterSummary;
  readonly timeline: readonly TimelineWindow[] | null;
}

/** Whatever results a directory holds; each kind is present when its files are. */
export interface ResultSet {
  readonly dir: string;
  readonly clusterRun?: ClusterRun;
  readonly fleetRun?: FleetSummary;
  /** `run --replications`: replications.json. */
  readonly replicatedRun?: Replicated;
  readonly clusterCompare?: ClusterCompare;
  /** Each compared variant's run files, in compare.json's order; variants without a subdirectory are left out. */
  readonly variantRuns?: readonly ClusterRun[];
  /** Variant directories left out because another run wrote them (a seed or scenario hash unlike compare.json's). */
  readonly staleVariantRuns?: readonly string[];
  readonly fleetCompare?: FleetCompare;
  /** `compare --replications`: compare.json with estimates per variant. */
  readonly replicatedCompare?: Replicated;
  readonly sweep?: SweepFile;
  /** `relisim decide`: decide.json. */
  readonly decision?: DecisionFile;
}

const REQUIRED_COLUMNS = ["start_s", "end_s", "scope", "requests", "ok", "error_rate", "p50_ms", "p99_ms", "p999_ms"];

/**
 * Reads the result files of `relisim run`, `compare` or `sweep` from `dir`, detecting the kind by
 * the files present. Throws a ScenarioError (exit 2) naming the file and field of any problem.
 */
export function readResults(dir: string): ResultSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ScenarioError(dir, [{ path: [], message: "no such directory (give the directory relisim run, compare or sweep wrote)" }]);
  }
  const result: { -readonly [K in keyof ResultSet]: ResultSet[K] } = { dir };
  const summaryFile = join(dir, "summary.json");
  if (existsSync(summaryFile)) {
    const raw = readJson(summaryFile);
    if (isFleet(raw, (r) => r.outcome)) result.fleetRun = validate(summaryFile, fleetSummarySchema, raw);
    else {
      refuseOlder(summaryFile, raw, ["outcome"]);
      result.clusterRun = readClusterRun(dir, raw);
    }
  }
  const replicationsFile = join(dir, "replications.json");
  if (existsSync(replicationsFile)) result.replicatedRun = validate(replicationsFile, replicatedSchema, readJson(replicationsFile));
  const compareFile = join(dir, "compare.json");
  if (existsSync(compareFile)) {
    const raw = readJson(compareFile);
    const first = (r: Record<string, unknown>) => Object.values((r.variants ?? {}) as Record<string, unknown>)[0];
    if (isReplicated(raw, first)) result.replicatedCompare = validate(compareFile, replicatedSchema, raw);
    else if (isFleet(raw, first)) result.fleetCompare = validate(compareFile, fleetCompareSchema, raw);
    else {
      const variants = Object.keys(((raw as Record<string, unknown>).variants ?? {}) as Record<string, unknown>);
      refuseOlder(compareFile, raw, ...variants.map((v) => ["variants", v]));
      result.clusterCompare = validate(compareFile, clusterCompareSchema, raw);
      const { runs, stale } = readVariantRuns(dir, Object.keys(result.clusterCompare.variants), result.clusterCompare.header);
      result.variantRuns = runs;
      if (stale.length > 0) result.staleVariantRuns = stale;
    }
  }
  const sweepFile = join(dir, "sweep.json");
  if (existsSync(sweepFile)) result.sweep = validate(sweepFile, sweepSchema, readJson(sweepFile));
  const decisionFile = join(dir, "decide.json");
  if (existsSync(decisionFile)) result.decision = validate(decisionFile, decisionSchema, readJson(decisionFile));
  if (Object.keys(result).length === 1) {
    throw new ScenarioError(dir, [{ path: [], message: "no result files: expected summary.json (+ windows.csv), compare.json, sweep.json or decide.json (or replications.json of run --replications)" }]);
  }
  return result;
}

/** A cluster run's summary (already parsed from `dir`/summary.json) with the timeline beside it. */
function readClusterRun(dir: string, raw: unknown): ClusterRun {
  const windowsFile = join(dir, "windows.csv");
  const timeline = existsSync(windowsFile) ? readTimeline(windowsFile) : null;
  return { summary: validate(join(dir, "summary.json"), clusterSummarySchema, raw), timeline };
}

/**
 * The run files `compare` writes per variant; results written before it did have none, and are
 * fine. A variant directory from another run (its seed or scenario hash unlike compare.json's:
 * an earlier compare) is left out and named in `stale`, never drawn beside this comparison.
 */
function readVariantRuns(dir: string, variants: readonly string[], header: ResultHeader): { runs: ClusterRun[]; stale: string[] } {
  const runs: ClusterRun[] = [];
  const stale: string[] = [];
  for (const variant of variants) {
    const sub = join(dir, variantDir(variant));
    const summaryFile = join(sub, "summary.json");
    if (!existsSync(summaryFile)) continue;
    const raw = readJson(summaryFile);
    refuseOlder(summaryFile, raw, ["outcome"]);
    const run = readClusterRun(sub, raw);
    if (run.summary.header.seed !== header.seed || run.summary.header.hash !== header.hash) stale.push(variantDir(variant));
    else runs.push(run);
  }
  return { runs, stale };
}

/** Replicated results carry an `estimate` of headline figures per variant instead of an outcome. */
function isReplicated(raw: unknown, outcomeOf: (r: Record<string, unknown>) => unknown): boolean {
  const outcome = typeof raw === "object" && raw !== null ? outcomeOf(raw as Record<string, unknown>) : undefined;
  return typeof outcome === "object" && outcome !== null && "estimate" in outcome;
}

/** A fleet outcome has estimates with intervals; a cluster run's has windows. */
function isFleet(raw: unknown, outcomeOf: (r: Record<string, unknown>) => unknown): boolean {
  const outcome = typeof raw === "object" && raw !== null ? outcomeOf(raw as Record<string, unknown>) : undefined;
  return typeof outcome === "object" && outcome !== null && "outagesPerYear" in outcome;
}

/**
 * A cluster outcome written by an older relisim: a per-day frequency (`failureFrequencyPerDay`,
 * a rate even of scripted faults), blast radius as flat shares and latency of successes only.
 * Its figures mean other things than this report's labels say, so it is refused by name.
 */
function refuseOlder(file: string, raw: unknown, ...outcomePaths: ReadonlyArray<readonly string[]>): void {
  for (const path of outcomePaths) {
    let outcome: unknown = raw;
    for (const key of path) outcome = typeof outcome === "object" && outcome !== null ? (outcome as Record<string, unknown>)[key] : undefined;
    if (typeof outcome !== "object" || outcome === null || !("failureFrequencyPerDay" in outcome) || "frequency" in outcome) continue;
    throw new ScenarioError(file, [
      {
        path: [...path, "failureFrequencyPerDay"],
        message:
          "written by an older relisim (episodes per day even for scripted faults, blast radius as flat shares, latency of successes only), " +
          "which this report does not read: re-run with this relisim",
      },
    ]);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ScenarioError(file, [{ path: [], message: `not readable JSON: ${(error as Error).message}` }]);
  }
}

function validate<T extends z.ZodType>(file: string, schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems: ScenarioProblem[] = parsed.error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
  throw new ScenarioError(file, problems);
}

/** The `all` rows of windows.csv, in time order as written. */
function readTimeline(file: string): TimelineWindow[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true });
  } catch (error) {
    throw new ScenarioError(file, [{ path: [], message: `not readable CSV: ${(error as Error).message}` }]);
  }
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (rows.length > 0 && missing.length > 0) {
    throw new ScenarioError(file, [{ path: [], message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` }]);
  }
  const timeline: TimelineWindow[] = [];
  rows.forEach((row, i) => {
    if (row.scope !== "all") return;
    // Line numbers count the header: data row i is on line i + 2.
    const num = (column: string): number => {
      const value = Number(row[column]);
      if (row[column] === "" || !Number.isFinite(value)) {
        throw new ScenarioError(file, [{ path: [column], line: i + 2, message: `expected a number, got "${row[column]}"` }]);
      }
      return value;
    };
    const optional = (column: string) => (columns.includes(column) ? num(column) : undefined);
    // Latency: an empty cell is a window with nothing to measure, a gap, never 0.
    const latency = (column: string): number | null => (row[column] === "" ? null : num(column));
    timeline.push({
      startS: num("start_s"),
      endS: num("end_s"),
      requests: num("requests"),
      ok: num("ok"),
      errorRate: num("error_rate"),
      p50Ms: latency("p50_ms"),
      p99Ms: latency("p99_ms"),
      p999Ms: latency("p999_ms"),
      successP99Ms: columns.includes("success_p99_ms") ? latency("success_p99_ms") : undefined,
      offered: optional("offered"),
      attempts: optional("attempts"),
    });
  });
  return timeline;
}
