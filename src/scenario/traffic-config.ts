import type { TrafficCurveConfig } from "../model/config.js";
import type { DataPath } from "./scenario-error.js";
import { MAX_RATE, type ScenarioSpec } from "./schema.js";
import { TrafficFileError, type TrafficFiles } from "./traffic-file.js";
import { formatCount, formatDuration } from "./units.js";

type Problem = { path: DataPath; message: string };

/**
 * The model's traffic curve for `workload.rate: { file, ... }` (undefined for a constant rate),
 * read through `files`, with a problem for each thing wrong: the file itself (at
 * workload.rate.file), steps beside it, rates beyond 100 M/s, a run longer than the rows' span.
 * Without `files` (checks on a repaired copy) only the checks that need no file are made.
 */
export function trafficCurve(spec: ScenarioSpec, files: TrafficFiles | undefined, problems: Problem[]): TrafficCurveConfig | undefined {
  const rate = spec.workload.rate;
  if (typeof rate === "number") return undefined;
  const path = ["workload", "rate"];
  if (spec.workload.steps.length > 0) {
    problems.push({ path: ["workload", "steps"], message: "the rate comes from workload.rate.file: steps would contradict it (put the changes in the file, or use multipliers)" });
  }
  if (!files) return undefined;
  let series;
  try {
    series = files.series(rate);
  } catch (error) {
    if (!(error instanceof TrafficFileError)) throw error;
    problems.push({ path: [...path, "file"], message: error.message });
    return undefined;
  }
  const times = series.times.map((t) => Math.round(t / rate.speed));
  for (let i = 1; i < times.length; i++) {
    if (times[i] > times[i - 1]) continue;
    problems.push({ path: [...path, "speed"], message: `at speed ${rate.speed} the rows at lines ${series.lines[i - 1]} and ${series.lines[i]} of the file are less than 1µs apart: lower the speed` });
    return undefined;
  }
  let peak = 0;
  for (let i = 0; i < series.rates.length; i++) if (series.rates[i] > series.rates[peak]) peak = i;
  if (series.rates[peak] * rate.scale > MAX_RATE) {
    const message = `the file's highest rate, ${formatCount(series.rates[peak])}/s (line ${series.lines[peak]}), × scale ${rate.scale} is more than 100 M/s (beyond anything a run can simulate)`;
    problems.push({ path: [...path, "scale"], message });
  }
  const span = times[times.length - 1];
  if (!rate.repeat && span < spec.duration) {
    const atSpeed = rate.speed === 1 ? "" : ` at speed ${rate.speed}`;
    problems.push({ path, message: `the file's rows span ${formatDuration(span)}${atSpeed}, less than the run (duration ${formatDuration(spec.duration)}): set repeat: true to start over after the last row, or shorten the run` });
  }
  return { times, rates: series.rates.map((r) => r * rate.scale), interpolate: rate.interpolate, repeat: rate.repeat };
}
