import { readFileSync, statSync, writeFileSync } from "node:fs";
import { fitMeasurements } from "../experiment/fit/fit-measurements.js";
import { parseMeasurements, type MeasurementOptions } from "../experiment/fit/measurements.js";
import { fitHtml } from "../report/html/fit-page.js";
import { formatFitReport } from "../report/fit-table.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { say } from "./printable.js";

/** The flags of `relisim fit`. */
export interface FitFlags extends MeasurementOptions {
  readonly html?: string;
}

/** Far beyond any export of latencies (10 M samples take about 100 MB): a bound that keeps memory safe. */
export const MAX_FIT_BYTES = 256 * 1024 ** 2;

function readText(file: string): string {
  try {
    // A device (/dev/zero), a pipe or a directory would be read for ever or not at all.
    const stat = statSync(file);
    if (!stat.isFile()) throw new ScenarioError(file, [{ path: [], message: "is not a regular file: give a file of samples or histogram buckets" }]);
    if (stat.size > MAX_FIT_BYTES) {
      throw new ScenarioError(file, [{ path: [], message: `is ${stat.size.toLocaleString("en-US")} bytes, more than the ${MAX_FIT_BYTES.toLocaleString("en-US")} relisim fit reads: sample it (100,000 latencies fit as well as a billion)` }]);
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, [{ path: [], message: code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})` }]);
  }
}

/** `relisim fit FILE`: fits every family to the measurements, prints the ranked table and the best spec; `--html` writes the Q–Q plot. */
export async function fitCommand(file: string, flags: FitFlags): Promise<void> {
  const measurements = parseMeasurements(readText(file), file, flags);
  const result = fitMeasurements(measurements);
  process.stdout.write(formatFitReport(result, file, flags.unit));
  if (flags.html !== undefined) {
    const warnings: string[] = [];
    const page = await fitHtml(result, file, warnings);
    try {
      writeFileSync(flags.html, page);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ScenarioError("--html", [{ path: [], message: `cannot write ${flags.html} (${code ?? String(error)})` }]);
    }
    for (const w of warnings) say(`relisim fit: chart ${w}`);
    process.stdout.write(`\nQ–Q plot: ${flags.html}\n`);
  }
}
