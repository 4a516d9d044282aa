import type { PinComparison, PinSubject } from "../experiment/pin-check.js";
import type { PinMismatch, PinnedOutcome, PinVerdict } from "../experiment/pinned-outcome.js";
import { studentT975 } from "../experiment/statistics.js";
import type { JunitCase } from "../report/junit.js";
import type { TestTally } from "./test-tally.js";

const rerunCommand = (file: string, run: string, seed: number) =>
  `relisim run ${file}${run.startsWith("variants.") ? ` --variant ${run.slice("variants.".length)}` : ""} --seed ${seed}`;

/** A number as reported: 6 significant digits, no exponent for ordinary magnitudes. */
const num = (v: number) => String(Number(v.toPrecision(6)));

function formatValue(v: number | string | undefined): string {
  if (v === undefined) return "(absent)";
  return typeof v === "number" ? String(Number(v.toPrecision(10))) : v;
}

/** A per-figure probability: 9.8e-6 rather than 0.0000098. */
const small = (p: number) => (p < 1e-3 ? p.toExponential(1) : String(Number(p.toPrecision(2))));

/** A false-alarm rate as people say it: 0.001 → "1/1000". */
export function describeRate(rate: number): string {
  const inverse = 1 / rate;
  return Math.abs(inverse - Math.round(inverse)) < 1e-6 * inverse ? `1/${Math.round(inverse)}` : String(rate);
}

function describeMismatch(m: PinMismatch): string {
  if (!m.pin) {
    let change = "";
    if (typeof m.pinned === "number" && typeof m.actual === "number" && m.pinned !== 0) {
      const rel = (m.actual - m.pinned) / Math.abs(m.pinned);
      change = ` (${rel >= 0 ? "+" : ""}${Number((rel * 100).toPrecision(3))}%)`;
    }
    return `${m.run} · ${m.field}: pinned ${formatValue(m.pinned)}, now ${formatValue(m.actual)}${change}${m.actual === undefined ? "" : "; allowed: exact"}`;
  }
  const p = m.pin;
  const actual = m.actual as number;
  const rel = p.mean !== 0 ? ` (${actual >= p.mean ? "+" : ""}${Number((((actual - p.mean) / Math.abs(p.mean)) * 100).toPrecision(3))}%)` : "";
  if (m.rule === "equal") return `${m.run} · ${m.field}: now ${num(actual)}${rel}; pinned ${num(p.mean)} in every one of ${p.n} replications, so it must stay equal`;
  const half = p.n > 1 ? studentT975(p.df) * (p.sd / Math.sqrt(p.n)) : 0;
  const pinned = p.n > 1 ? `pinned mean ${num(p.mean)} (95% CI ${num(p.mean - half)} … ${num(p.mean + half)}; sd ${num(p.sd)}, n ${p.n})` : `pinned ${num(p.mean)} (sd ${num(p.sd)} over ${p.df + 1} replications)`;
  const z = m.z === undefined || !Number.isFinite(m.z) ? "" : `; ${Math.abs(m.z).toFixed(1)} sd ${m.z > 0 ? "above" : "below"}`;
  return `${m.run} · ${m.field}: now ${num(actual)}${rel}; ${pinned}; allowed ${num(m.low!)} … ${num(m.high!)}${z}`;
}

/** The report of pinned figures out of bounds: each figure, both intervals, and what to run. */
export function movedLines(verdict: Extract<PinVerdict, { kind: "moved" }>, pinned: PinnedOutcome, file: string, seed: number, rate: number): string[] {
  const n = verdict.mismatches.length;
  const what = verdict.exact
    ? `${n} figure${n === 1 ? "" : "s"} moved (exact comparison: same relisim ${pinned.header.relisim}, node and seed as the pin, so every figure must be equal)`
    : `${n} figure${n === 1 ? "" : "s"} outside ${n === 1 ? "its" : "their"} prediction interval${n === 1 ? "" : "s"} (false-alarm rate ${describeRate(rate)} per scenario, ` +
      `${small(verdict.perFigure)} per figure; pinned by relisim ${pinned.header.relisim} over ${pinned.replications} replications of seed ${pinned.header.seed})`;
  const shown = verdict.mismatches.slice(0, 15);
  return [
    `  ✗ pinned outcome: ${what}`,
    ...shown.map((m) => `      ${describeMismatch(m)}`),
    ...(n > shown.length ? [`      … and ${n - shown.length} more`] : []),
    `    rerun: ${rerunCommand(file, verdict.mismatches[0].run, seed)}`,
    `    if the change is intended, re-pin: relisim test --update ${file}`,
  ];
}

export interface PinIo {
  readonly tally: TestTally;
  /** Prints lines of a miss (with the file's heading if not printed yet). */
  readonly miss: (lines: string[]) => void;
  readonly out: (line: string) => void;
}

/** Prints what comparing a scenario's runs with its pin file found, counts it; returns the JUnit case. */
export function pinCase(file: string, subject: PinSubject, comparison: PinComparison, options: { quiet?: boolean }, { tally, miss, out }: PinIo): JunitCase {
  const update = `relisim test --update ${file}`;
  if (comparison.kind === "unreadable") {
    const text = comparison.error.format();
    miss([text]);
    tally.failed++;
    tally.invalid++;
    return { name: "pinned outcome", failure: { message: "unreadable pin file", detail: text } };
  }
  if (comparison.kind === "absent") {
    if (!options.quiet) out(`  · no pinned outcome at ${subject.pinFile} (pin it: ${update})`);
    return { name: "pinned outcome", skipped: `no pin at ${subject.pinFile}` };
  }
  const { pinned, verdict, falseAlarmRate: rate } = comparison;
  if (comparison.exactRefused && !options.quiet) {
    const h = pinned.header;
    out(`  · --exact needs seed ${h.seed}, relisim ${h.relisim} and node ${h.node} as pinned; compared statistically instead`);
  }
  if (verdict.kind === "match") {
    tally.passed++;
    if (!options.quiet) {
      const how = verdict.exact
        ? `exactly, fingerprints equal (relisim ${pinned.header.relisim}, node ${pinned.header.node})`
        : `each within its prediction interval (false-alarm rate ${describeRate(rate)} per scenario, ${small(verdict.perFigure)} per figure; ` +
          `${pinned.replications} replications of seed ${pinned.header.seed}${verdict.skipped > 0 ? `; ${verdict.skipped} max and p999 figures not compared` : ""})`;
      out(`  ✓ pinned outcome: ${verdict.fields} figures as pinned, ${how}`);
    }
    return { name: "pinned outcome" };
  }
  tally.failed++;
  if (verdict.kind === "changed") {
    const lines = [
      `  ✗ pinned outcome is stale: the scenario changed since it was pinned (hash ${verdict.pinnedHash} → ${verdict.hash}).`,
      `    This is not a regression; review the change and re-pin: ${update}`,
    ];
    miss(lines);
    return { name: "pinned outcome", failure: { message: "scenario changed since pinned", detail: lines.join("\n") } };
  }
  const lines = movedLines(verdict, pinned, file, subject.header.seed, rate);
  miss(lines);
  return { name: "pinned outcome", failure: { message: lines[0].trim(), detail: lines.join("\n") } };
}
