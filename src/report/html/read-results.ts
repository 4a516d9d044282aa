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
  type SweepFile,
} from "./result-schemas.js";
import { variantDir } from "./variant-dir.js";

/** One window of a run's timeline, all requests together (the `all` rows of windows.csv). */
export interface TimelineWindow {
  readonly startS: number;
  readonly endS: number;
  readonly requests: number;
  readonly ok: number;
  readonly errorRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
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
  readonly fleetCompare?: FleetCompare;
  /** `compare --replications`: compare.json with estimates per variant. */
  readonly replicatedCompare?: Replicated;
  readonly sweep?: SweepFile;
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
    else result.clusterRun = readClusterRun(dir, raw);
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
      result.clusterCompare = validate(compareFile, clusterCompareSchema, raw);
      result.variantRuns = readVariantRuns(dir, Object.keys(result.clusterCompare.variants));
    }
  }
  const sweepFile = join(dir, "sweep.json");
  if (existsSync(sweepFile)) result.sweep = validate(sweepFile, sweepSchema, readJson(sweepFile));
  if (Object.keys(result).length === 1) {
    throw new ScenarioError(dir, [{ path: [], message: "no result files: expected summary.json (+ windows.csv), compare.json or sweep.json (or replications.json of run --replications)" }]);
  }
  return result;
}

/** A cluster run's summary (already parsed from `dir`/summary.json) with the timeline beside it. */
function readClusterRun(dir: string, raw: unknown): ClusterRun {
  const windowsFile = join(dir, "windows.csv");
  const timeline = existsSync(windowsFile) ? readTimeline(windowsFile) : null;
  return { summary: validate(join(dir, "summary.json"), clusterSummarySchema, raw), timeline };
}

/** The run files `compare` writes per variant; results written before it did have none, and are fine. */
function readVariantRuns(dir: string, variants: readonly string[]): ClusterRun[] {
  const runs: ClusterRun[] = [];
  for (const variant of variants) {
    const sub = join(dir, variantDir(variant));
    const summaryFile = join(sub, "summary.json");
    if (existsSync(summaryFile)) runs.push(readClusterRun(sub, readJson(summaryFile)));
  }
  return runs;
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
    timeline.push({
      startS: num("start_s"),
      endS: num("end_s"),
      requests: num("requests"),
      ok: num("ok"),
      errorRate: num("error_rate"),
      p50Ms: num("p50_ms"),
      p99Ms: num("p99_ms"),
      p999Ms: num("p999_ms"),
      offered: optional("offered"),
      attempts: optional("attempts"),
    });
  });
  return timeline;
}
