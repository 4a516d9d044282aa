import { parse } from "yaml";
import type { DistributionSpec } from "../../engine/distribution-spec.js";
import { zDistribution } from "../../scenario/distribution-schema.js";
import { formatDuration } from "../../scenario/units.js";

/** The keys of a spec that are durations (location parameters); the rest are plain numbers. */
const DURATION_KEYS = new Set(["value", "min", "max", "mean", "stddev", "median", "p99", "scale", "p50", "p90", "p999"]);

/** A duration in ms as a scenario writes it, to the µs (scenario durations are whole µs): `2.134ms`, `850us`. */
export function durationText(ms: number): string {
  return formatDuration(Math.round(ms * 1000));
}

const shapeText = (x: number) => String(Number(x.toPrecision(4)));

/**
 * A fitted spec (values in ms) as the YAML flow mapping a scenario takes for a duration
 * distribution, e.g. `{ dist: lognormal, median: 2.134ms, p99: 9.812ms }`: durations to the µs,
 * shapes to 4 significant digits, mixture weights to 4 decimals.
 */
export function specText(spec: DistributionSpec): string {
  const entries = Object.entries(spec).map(([key, value]) => {
    if (key === "components") return `components: [${(value as DistributionSpec[]).map(specText).join(", ")}]`;
    if (key === "dist") return `dist: ${value as string}`;
    if (key === "weight") return `weight: ${Number((value as number).toFixed(4))}`;
    return `${key}: ${DURATION_KEYS.has(key) ? durationText(value as number) : shapeText(value as number)}`;
  });
  // The weight goes first, as mixture components are written in the README.
  entries.sort((a, b) => Number(b.startsWith("weight:")) - Number(a.startsWith("weight:")));
  return `{ ${entries.join(", ")} }`;
}

/**
 * Reads `text` back through the scenario schema's duration distribution, as a scenario would:
 * the parsed spec (values in µs) or the schema's messages (a fit whose parameters do not survive
 * rounding to the µs, for instance).
 */
export function checkSpecText(text: string): { ok: true; spec: DistributionSpec } | { ok: false; problems: string[] } {
  const parsed = zDistribution("duration").safeParse(parse(text));
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(spec)"}: ${i.message}`) };
}
