import { readFileSync, writeFileSync } from "node:fs";
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

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
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
