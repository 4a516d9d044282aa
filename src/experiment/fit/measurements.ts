import { parse } from "csv-parse/sync";
import { ScenarioError, type ScenarioProblem } from "../../scenario/scenario-error.js";
import type { Buckets } from "./goodness-of-fit.js";

/** What a measurements file holds: latency samples (sorted, ms) or a histogram (edges in ms). */
export type Measurements =
  | { readonly kind: "samples"; readonly values: Float64Array }
  | { readonly kind: "histogram"; readonly buckets: Buckets; readonly cumulative: boolean };

/** How to read a measurements file. */
export interface MeasurementOptions {
  /** The unit of the numbers in the file. */
  readonly unit: "ms" | "us" | "s";
  /** A CSV file's column of samples (its header names it). */
  readonly column?: string;
  /** Force a reading; by default a header `le,count` means a histogram, anything else samples. */
  readonly format?: "samples" | "histogram";
  /** Whether histogram counts are cumulative (as Prometheus exports them); by default: they are when they never decrease. */
  readonly buckets?: "cumulative" | "per-bucket";
}

/** Milliseconds per unit: relisim's reports and the printed specs are in milliseconds. */
export const MS_PER_UNIT = { us: 0.001, ms: 1, s: 1000 } as const;

/** The fewest samples (or histogram observations) `relisim fit` accepts: below it a fit says little. */
export const MIN_OBSERVATIONS = 30;

/** At most this many problems are listed; the rest are counted. */
const MAX_PROBLEMS = 20;

class Problems {
  readonly list: ScenarioProblem[] = [];
  #more = 0;
  constructor(readonly file: string) {}
  add(line: number | undefined, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path: [], ...(line === undefined ? {} : { line, column: 1 }), message });
    else this.#more++;
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const extra = this.#more > 0 ? [{ path: [], message: `... and ${this.#more} more like these` }] : [];
    throw new ScenarioError(this.file, [...this.list, ...extra]);
  }
  fail(line: number | undefined, message: string): never {
    this.add(line, message);
    this.throwIfAny();
    throw new Error("unreachable");
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INFINITY = /^\+?inf$/i;
const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

interface Row {
  readonly line: number;
  readonly fields: readonly string[];
}

/** The file's rows: CSV (comma or tab separated) when a line has a separator, else one field a line; blank and `#` lines left out. */
function rowsOf(text: string): Row[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const content = lines.map((l, i) => ({ line: i + 1, text: l.trim() })).filter((l) => l.text !== "" && !l.text.startsWith("#"));
  if (!content.some((l) => /[,\t]/.test(l.text))) return content.map((l) => ({ line: l.line, fields: [l.text] }));
  const delimiter = content.some((l) => l.text.includes(",")) ? "," : "\t";
  const records = parse(text.replace(/^\uFEFF/, ""), { delimiter, info: true, comment: "#", skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.map((r) => ({ line: r.info.lines, fields: r.record }));
}

const isHeader = (row: Row) => row.fields.some((f) => !NUMBER.test(f) && !INFINITY.test(f));

/**
 * Reads a measurements file's text: one latency a line, a CSV with `column`, or histogram
 * buckets `le,count`. Throws a ScenarioError naming every bad line (file, line, what was
 * expected), an empty file, or too few observations. Values are returned in ms.
 */
export function parseMeasurements(text: string, file: string, options: MeasurementOptions): Measurements {
  const problems = new Problems(file);
  const rows = rowsOf(text);
  if (rows.length === 0) problems.fail(undefined, "no measurements: the file is empty (blank lines and # comments are skipped)");
  const header = isHeader(rows[0]) ? rows[0].fields.map((f) => f.toLowerCase()) : undefined;
  const body = header ? rows.slice(1) : rows;
  const histogram = options.format === "histogram" || (options.format === undefined && options.column === undefined && header?.includes("le") === true && header.includes("count"));
  if (histogram) return readHistogram(body, header, options, problems);
  let index = 0;
  if (options.column !== undefined) {
    if (!header) problems.fail(rows[0].line, `--column ${options.column}: expected a header line naming the columns, got ${show(rows[0].fields.join(","))}`);
    index = rows[0].fields.findIndex((f) => f === options.column || f.toLowerCase() === options.column!.toLowerCase());
    if (index < 0) problems.fail(rows[0].line, `no column ${show(options.column)}; the header has ${rows[0].fields.map(show).join(", ")}`);
  } else if (rows[0].fields.length > 1) {
    problems.fail(rows[0].line, header
      ? `a CSV with columns ${rows[0].fields.map(show).join(", ")}: name the latency column with --column (or give a header le,count for histogram buckets)`
      : "two or more numbers on a line: for samples give one a line, or a CSV header and --column; for histogram buckets a header le,count or --format histogram");
  }
  return { kind: "samples", values: readSamples(body, index, options, problems) };
}

function readSamples(rows: readonly Row[], index: number, options: MeasurementOptions, problems: Problems): Float64Array {
  const factor = MS_PER_UNIT[options.unit];
  const values: number[] = [];
  for (const row of rows) {
    const field = row.fields[index];
    if (field === undefined || field === "") {
      problems.add(row.line, `expected a latency in column ${index + 1}, got nothing`);
    } else if (!NUMBER.test(field)) {
      problems.add(row.line, `expected a latency (a number in ${options.unit}), got ${show(field)}`);
    } else if (Number(field) < 0) {
      problems.add(row.line, `a latency cannot be negative, got ${field}`);
    } else {
      values.push(Number(field) * factor);
    }
  }
  problems.throwIfAny();
  if (values.length < MIN_OBSERVATIONS) {
    problems.fail(undefined, `only ${values.length} sample${values.length === 1 ? "" : "s"}: a fit needs at least ${MIN_OBSERVATIONS} (thousands to say anything about p99)`);
  }
  const sorted = Float64Array.from(values).sort();
  if (sorted[0] === sorted[sorted.length - 1]) {
    problems.fail(undefined, `all ${sorted.length} samples are ${sorted[0] / factor} ${options.unit}: nothing to fit (a constant is written as the duration itself)`);
  }
  return sorted;
}

/** The rows of a histogram as read: finite edges (ms) with their counts and lines, and the +Inf bucket's count. */
interface BucketRows {
  readonly edges: number[];
  readonly raw: number[];
  readonly lines: number[];
  readonly overflow?: number;
  readonly overflowLine: number;
}

function readBucketRows(rows: readonly Row[], header: readonly string[] | undefined, options: MeasurementOptions, problems: Problems): BucketRows {
  const factor = MS_PER_UNIT[options.unit];
  const [leAt, countAt] = header ? [header.indexOf("le"), header.indexOf("count")] : [0, 1];
  if (leAt < 0 || countAt < 0) problems.fail(undefined, `histogram buckets need columns le and count; the header has ${header!.map(show).join(", ")}`);
  const edges: number[] = [];
  const raw: number[] = [];
  const lines: number[] = [];
  let overflow: number | undefined;
  let overflowLine = 0;
  for (const row of rows) {
    const [le, count] = [row.fields[leAt] ?? "", row.fields[countAt] ?? ""];
    const infinite = INFINITY.test(le);
    if (!infinite && !NUMBER.test(le)) problems.add(row.line, `expected a bucket's upper edge le (a number in ${options.unit}, or +Inf), got ${show(le)}`);
    else if (!NUMBER.test(count) || Number(count) < 0) problems.add(row.line, `expected a bucket's count (a number >= 0), got ${show(count)}`);
    else if (overflow !== undefined) problems.add(row.line, `a bucket after +Inf (line ${overflowLine}): +Inf must be the last bucket`);
    else if (infinite) [overflow, overflowLine] = [Number(count), row.line];
    else if (edges.length > 0 && Number(le) * factor <= edges[edges.length - 1]) problems.add(row.line, `le ${le} must be greater than the previous bucket's (${edges[edges.length - 1] / factor})`);
    else {
      edges.push(Number(le) * factor);
      raw.push(Number(count));
      lines.push(row.line);
    }
  }
  problems.throwIfAny();
  if (edges.length === 0) problems.fail(undefined, "no histogram buckets with a finite le");
  return { edges, raw, lines, overflow, overflowLine };
}

function readHistogram(rows: readonly Row[], header: readonly string[] | undefined, options: MeasurementOptions, problems: Problems): Measurements {
  const factor = MS_PER_UNIT[options.unit];
  const { edges, raw, lines, overflow, overflowLine } = readBucketRows(rows, header, options, problems);
  const all = overflow === undefined ? raw : [...raw, overflow];
  const nonDecreasing = all.every((c, i) => i === 0 || c >= all[i - 1]);
  const cumulative = options.buckets === undefined ? nonDecreasing : options.buckets === "cumulative";
  if (cumulative && !nonDecreasing) {
    const i = all.findIndex((c, j) => j > 0 && c < all[j - 1]);
    problems.fail(i < lines.length ? lines[i] : overflowLine, `cumulative counts cannot decrease: ${all[i]} after ${all[i - 1]} (per-bucket counts? use --buckets per-bucket)`);
  }
  const counts = cumulative ? raw.map((c, i) => c - (i === 0 ? 0 : raw[i - 1])) : raw;
  const over = overflow === undefined ? 0 : cumulative ? overflow - raw[raw.length - 1] : overflow;
  // Buckets at or below 0 hold latencies of exactly 0 at best: kept out, and refused if they have counts.
  while (edges.length > 0 && edges[0] <= 0) {
    if (counts[0] > 0) problems.fail(lines[0], `a bucket with le ${edges[0] / factor} <= 0 has ${counts[0]} observations: latencies must be greater than 0`);
    edges.shift();
    counts.shift();
    lines.shift();
  }
  const total = counts.reduce((s, c) => s + c, over);
  if (total < MIN_OBSERVATIONS) problems.fail(undefined, `only ${total} observations in the histogram: a fit needs at least ${MIN_OBSERVATIONS}`);
  if (edges.length < 3) problems.fail(undefined, `only ${edges.length} finite bucket${edges.length === 1 ? "" : "s"}: a fit needs at least 3`);
  return { kind: "histogram", buckets: { edges, counts, overflow: over }, cumulative };
}
