import { comparePinFile, pinnedFigureCount, rerecordExact, writePinFile, type PinSubject } from "../experiment/pin-check.js";
import type { JunitCase } from "../report/junit.js";
import type { PinSpec } from "../scenario/pin-schema.js";
import { pinCase, type PinIo } from "./pin-report.js";

/**
 * `relisim test --update --exact FILE`: when a change alters the draws but should keep every
 * distribution (a faster generator, another Node), the pinned seed's own figures and engine
 * fingerprint are re-recorded, and the means and spreads kept; but only once this run lies within
 * every prediction interval of the pin, which is the check that nothing behaves differently.
 * Otherwise it refuses and says to re-pin in full. Costs one run, not 20 replications.
 */
export function rerecordCase(file: string, subject: PinSubject, tolerance: PinSpec, options: { quiet?: boolean; seed?: number }, io: PinIo): JunitCase {
  const comparison = comparePinFile(file, subject, { exact: false, tolerance });
  if (comparison.kind === "compared" && comparison.pinned.header.seed !== subject.header.seed) {
    const lines = [`  ✗ --update --exact re-records the pinned seed's run: drop --seed (pinned on seed ${comparison.pinned.header.seed})`];
    io.miss(lines);
    io.tally.failed++;
    return { name: "pinned outcome", failure: { message: lines[0].trim(), detail: lines.join("\n") } };
  }
  if (comparison.kind !== "compared" || comparison.verdict.kind !== "match") {
    // Absent, unreadable, stale or moved: said as `relisim test` says it, then why nothing was written.
    const verdict = pinCase(file, subject, comparison, { quiet: true }, io);
    const lines = [`    not re-recorded: the statistical part must hold first; to pin anew: relisim test --update ${file}`];
    io.miss(lines);
    if (!verdict.failure) io.tally.failed++;
    return { name: "pinned outcome", failure: { message: "not re-recorded", detail: [verdict.failure?.detail ?? "", ...lines].join("\n") } };
  }
  const pin = rerecordExact(comparison.pinned, subject);
  writePinFile(subject, pin);
  io.tally.passed++;
  if (!options.quiet) {
    io.out(
      `  ↻ re-recorded the pinned seed's ${pinnedFigureCount(pin)} figures and fingerprints → ${subject.pinFile} ` +
        `(the run lies within every prediction interval; means and spreads of ${pin.replications} replications kept)`,
    );
  }
  return { name: "pinned outcome", skipped: `exact part re-recorded in ${subject.pinFile}` };
}
