import { writeResultFiles } from "../experiment/result-files.js";
import { htmlReport, reportNotices } from "../report/html/html-report.js";
import { readResults } from "../report/html/read-results.js";
import { progress } from "./progress.js";

/** The report's file name, next to the result files. */
export const REPORT_FILE = "report.html";

/**
 * Writes `report.html` into a results directory from the result files in it (any kind: run,
 * compare, sweep). Returns the path written.
 */
export async function writeHtmlReport(dir: string, quiet?: boolean): Promise<string> {
  const warnings: string[] = [];
  const results = readResults(dir);
  const html = await htmlReport(results, warnings);
  const say = progress(quiet);
  for (const notice of reportNotices(results)) say(`note: ${notice}`);
  // A chart warning is a relisim bug worth reporting, not a reason to withhold the report.
  for (const w of warnings) say(`chart ${w}`);
  const [path] = writeResultFiles(dir, { [REPORT_FILE]: html });
  say(`wrote ${path}`);
  return path;
}

/** `relisim report DIR`: the HTML report of the results in DIR. */
export async function reportCommand(dir: string, flags: { quiet?: boolean }): Promise<void> {
  await writeHtmlReport(dir, flags.quiet);
}
