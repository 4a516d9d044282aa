import { readFileSync } from "node:fs";
import { ScenarioError } from "../scenario/scenario-error.js";
import { toJson } from "./result-files.js";
import type { SweepAxis, SweepHeader, SweepPointResult } from "./sweep.js";

/** Which share of a sweep a run computes: shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** One shard's output: the sweep it belongs to and the replications it computed, by point. */
export interface ShardDocument {
  readonly header: SweepHeader;
  readonly grid: readonly SweepAxis[];
  readonly shard: Shard;
  readonly points: ReadonlyArray<{
    readonly name: string;
    readonly overrides: Record<string, unknown>;
    /** Replication index → its figures (null stands for NaN, which JSON lacks). */
    readonly replications: Record<string, Array<number | null>>;
  }>;
}

/** The file name of a shard's output, e.g. sweep-shard-3-of-10.json. */
export function shardFileName(shard: Shard): string {
  return `sweep-shard-${shard.index}-of-${shard.count}.json`;
}

/** A shard's document from its points' (sparse) replications. */
export function shardDocument(
  header: SweepHeader,
  grid: readonly SweepAxis[],
  shard: Shard,
  points: ReadonlyArray<{ name: string; overrides: Record<string, unknown>; figures: readonly (number[] | undefined)[] }>,
): string {
  const document: ShardDocument = {
    header,
    grid,
    shard,
    points: points.map((p) => {
      const replications: Record<string, number[]> = {};
      p.figures.forEach((f, i) => {
        if (f) replications[String(i)] = f;
      });
      return { name: p.name, overrides: p.overrides, replications };
    }),
  };
  return toJson(document);
}

/**
 * Combines shard files into the finished sweep: refuses shards of different sweeps, a missing
 * or repeated shard, and a replication computed twice or not at all.
 */
export function mergeShards(files: readonly string[]): { header: SweepHeader; grid: readonly SweepAxis[]; results: SweepPointResult[] } {
  if (files.length === 0) throw new ScenarioError("merge", [{ path: [], message: "no shard files given" }]);
  const docs = files.map((file) => {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as ShardDocument;
    } catch (error) {
      throw new ScenarioError(file, [{ path: [], message: `not a readable shard file: ${(error as Error).message}` }]);
    }
  });
  const first = docs[0];
  const sameSweep = (d: ShardDocument) => JSON.stringify([d.header, d.grid, d.shard.count]) === JSON.stringify([first.header, first.grid, first.shard.count]);
  docs.forEach((d, i) => {
    if (!d.header || !d.shard || !Array.isArray(d.points)) throw new ScenarioError(files[i], [{ path: [], message: "not a relisim shard file (no header, shard or points)" }]);
    if (!sameSweep(d)) throw new ScenarioError(files[i], [{ path: ["header"], message: `belongs to another sweep than ${files[0]} (scenario, hash, seed, replications, grid, shard count, relisim or Node version differ)` }]);
  });
  const seen = new Map<number, string>();
  docs.forEach((d, i) => {
    const other = seen.get(d.shard.index);
    if (other !== undefined) throw new ScenarioError(files[i], [{ path: ["shard"], message: `shard ${d.shard.index} is also in ${other}` }]);
    seen.set(d.shard.index, files[i]);
  });
  const missing = Array.from({ length: first.shard.count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ScenarioError(files[0], [{ path: ["shard"], message: `shards ${missing.join(", ")} of ${first.shard.count} are missing` }]);
  const replications = first.header.replications;
  const results = first.points.map((p, pi) => {
    const figures: number[][] = [];
    for (const d of docs) {
      for (const [index, f] of Object.entries(d.points[pi].replications)) {
        if (figures[Number(index)]) throw new ScenarioError(files[0], [{ path: ["points", pi], message: `replication ${index} of ${p.name} is in two shards` }]);
        figures[Number(index)] = f.map((x) => (x === null ? Number.NaN : x));
      }
    }
    for (let i = 0; i < replications; i++) {
      if (!figures[i]) throw new ScenarioError(files[0], [{ path: ["points", pi], message: `replication ${i} of ${p.name} is in no shard (an unfinished shard?)` }]);
    }
    return { overrides: p.overrides, figures };
  });
  return { header: first.header, grid: first.grid, results };
}
