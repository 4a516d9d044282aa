/**
 * Reads a traffic time series (`workload.rate: { file }`) from a CSV file: a timestamp and a rate
 * per row. Everything wrong with the file is a `TrafficFileError` naming the file and its line;
 * the caller turns it into a problem at `workload.rate.file`. Only ever reads.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import type { TrafficRateSpec } from "./traffic-schema.js";
import { DURATION_PATTERN, describeInput, formatCount, parseDuration } from "./units.js";

/** The most rows a traffic file may hold: a second's resolution for 11 days; enough for any replay. */
export const MAX_TRAFFIC_ROWS = 1_000_000;
/** The largest traffic file read (checked before reading, so a huge file cannot exhaust memory). */
export const MAX_TRAFFIC_BYTES = 64 * 2 ** 20;

/** Something wrong with a traffic file, said with its file and line. */
export class TrafficFileError extends Error {
  override readonly name = "TrafficFileError";
}

/** A traffic series as read: µs from the first row (strictly increasing, the first 0), and the rates as written (per second). */
export interface TrafficSeries {
  readonly times: readonly number[];
  readonly rates: readonly number[];
  /** The line of each row in the file (for messages). */
  readonly lines: readonly number[];
}

/** The files of one scenario, read once each: parsed series by path and options, and digests for the scenario's hash. */
export class TrafficFiles {
  readonly #dir: string;
  readonly #texts = new Map<string, { text: string; digest: string }>();
  readonly #series = new Map<string, TrafficSeries>();

  /** Paths in the scenario are relative to the directory of `scenarioFile`. */
  constructor(scenarioFile: string) {
    this.#dir = dirname(scenarioFile);
  }

  /** The file a scenario's path names. */
  resolve(file: string): string {
    return resolve(this.#dir, file);
  }

  /** The series the scenario's `workload.rate` names; throws TrafficFileError. */
  series(spec: TrafficRateSpec): TrafficSeries {
    const path = this.resolve(spec.file);
    const key = JSON.stringify([path, spec.column, spec.timeColumn, spec.timeUnit]);
    let series = this.#series.get(key);
    if (!series) {
      series = parseTraffic(this.#read(path).text, path, spec);
      this.#series.set(key, series);
    }
    return series;
  }

  /** `path sha256` of every file read so far, one a line in path order: what the scenario's hash adds ("" when none was read). */
  digests(): string {
    return [...this.#texts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f.digest).join("\n");
  }

  #read(path: string): { text: string; digest: string } {
    const known = this.#texts.get(path);
    if (known) return known;
    let text: string;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new TrafficFileError(`cannot read "${path}": not a regular file`);
      if (stat.size > MAX_TRAFFIC_BYTES) throw new TrafficFileError(`"${path}" is ${formatCount(stat.size)} bytes, more than the ${formatCount(MAX_TRAFFIC_BYTES)} a traffic file may have: resample it (a row a minute is plenty for a day)`);
      text = readFileSync(path, "utf8");
    } catch (error) {
      if (error instanceof TrafficFileError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? (error as Error).message);
      throw new TrafficFileError(`cannot read "${path}": ${reason}`);
    }
    // Neither where the file lies nor its line endings (a Windows checkout) change the digest: the same data hashes the same.
    const file = { text, digest: createHash("sha256").update(text.replace(/\r\n/g, "\n")).digest("hex") };
    this.#texts.set(path, file);
    return file;
  }
}

type Columns = Pick<TrafficRateSpec, "column" | "timeColumn" | "timeUnit">;

/** Parses a traffic file's text (`path` names it in messages); more than `maxRows` rows is a problem. */
export function parseTraffic(text: string, path: string, spec: Columns, maxRows = MAX_TRAFFIC_ROWS): TrafficSeries {
  const times: number[] = [];
  const rates: number[] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  let timeIndex = -1;
  let rateIndex = -1;
  let kind: TimeKind | undefined;
  let first = 0;
  const fail = (line: number, message: string): never => {
    throw new TrafficFileError(`${path}:${line}: ${message}`);
  };
  const onRecord = (record: string[], line: number): void => {
    if (timeIndex < 0) {
      // The first row: a header when a column is named, or when its rate cell is not a number.
      const named = typeof spec.column === "string" || typeof spec.timeColumn === "string";
      const rateAt = typeof spec.column === "number" ? spec.column - 1 : 1;
      if (named || !isNumber(record[rateAt] ?? "")) header = record;
      timeIndex = columnIndex(spec.timeColumn, 0, header, "timeColumn", line, fail);
      rateIndex = columnIndex(spec.column, 1, header, "column", line, fail);
      if (header) return;
    }
    if (rates.length === maxRows) fail(line, `more than ${formatCount(maxRows)} rows: resample the series (a row a second is 86,400 rows a day)`);
    const [timeCell, rateCell] = [record[timeIndex], record[rateIndex]];
    if (timeCell === undefined || rateCell === undefined) fail(line, `no column ${Math.max(timeIndex, rateIndex) + 1}: the row has ${record.length}`);
    const stamp = parseTimestamp(timeCell, spec.timeUnit);
    if (!stamp) fail(line, `expected a timestamp (seconds, a duration such as "1h30m", or an ISO-8601 date-time such as "2024-05-01T08:00:00Z"), got ${describeInput(timeCell)}`);
    kind ??= stamp!.kind;
    if (stamp!.kind !== kind) fail(line, `a timestamp of another kind (${stamp!.kind}) than the first row's (${kind}): write them all alike`);
    if (rates.length === 0) first = stamp!.micros;
    const t = stamp!.micros - first;
    if (rates.length > 0 && !(t > times[times.length - 1])) {
      fail(line, `timestamp ${describeInput(timeCell)} is not after the row before (line ${lines[lines.length - 1]}): rows must be in time order, each later than the one before`);
    }
    const rate = isNumber(rateCell) ? Number(rateCell) : Number.NaN;
    if (!(rate >= 0) || !Number.isFinite(rate)) {
      const gap = rateCell === "" ? " (a gap in the export? fill it in or drop the row)" : "";
      fail(line, `expected a rate in requests per second (a number >= 0), got ${describeInput(rateCell)}${gap}`);
    }
    times.push(t);
    rates.push(rate);
    lines.push(line);
  };
  try {
    parse(text, {
      bom: true, comment: "#", comment_no_infix: true, skip_empty_lines: true, trim: true, relax_column_count: true, relax_quotes: true,
      on_record: (record: string[], context: { lines: number }) => {
        onRecord(record, context.lines);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TrafficFileError) throw error;
    const e = error as Error & { lines?: number };
    throw new TrafficFileError(`${path}${e.lines ? `:${e.lines}` : ""}: not readable as CSV: ${e.message}`);
  }
  if (rates.length < 2) throw new TrafficFileError(`${path}: ${rates.length === 0 ? "no rows" : "only one row"}: a traffic series needs at least two rows (its start and its end)`);
  return { times, rates, lines };
}

/** A column given by name (in the header) or number; `fallback` (0-based) when absent. */
function columnIndex(
  given: string | number | undefined, fallback: number, header: string[] | undefined, key: string, line: number,
  fail: (line: number, message: string) => never,
): number {
  if (given === undefined) return fallback;
  if (typeof given === "number") return given - 1;
  const index = header!.indexOf(given);
  if (index < 0) fail(line, `no column named ${JSON.stringify(given)} (${key}) in the first row (the header): it has ${header!.map((h) => JSON.stringify(h)).join(", ")}`);
  return index;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const isNumber = (cell: string) => NUMBER.test(cell);

type TimeKind = "number" | "duration" | "ISO-8601";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)? ?(?:Z|([+-])(\d{2}):?(\d{2})?)?$/;

/** A timestamp in µs on its own scale (only differences matter), and its kind; undefined when it is none. */
export function parseTimestamp(cell: string, unit: "s" | "ms"): { micros: number; kind: TimeKind } | undefined {
  if (isNumber(cell)) return whole(Number(cell) * (unit === "ms" ? 1e3 : 1e6), "number");
  if (DURATION_PATTERN.test(cell)) {
    try {
      return whole(parseDuration(cell), "duration");
    } catch {
      return undefined; // past 2^53 µs
    }
  }
  const m = ISO.exec(cell);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", sign, oh = "0", om = "0"] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  // Date.UTC rolls 2024-02-31 over into March: a date that does not exist is not a timestamp.
  const date = new Date(ms);
  if (date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59 || +oh > 23 || +om > 59) return undefined;
  const offsetMinutes = sign === undefined ? 0 : (sign === "-" ? -1 : 1) * (+oh * 60 + +om);
  return whole(ms * 1e3 + Math.round(Number(`0${frac}`) * 1e6) - offsetMinutes * 6e7, "ISO-8601");
}

function whole(micros: number, kind: TimeKind): { micros: number; kind: TimeKind } | undefined {
  const rounded = Math.round(micros);
  return Number.isSafeInteger(rounded) ? { micros: rounded, kind } : undefined;
}
