import * as z from "zod";
import type { PhaseSpec } from "../metrics/slo.js";
import type { DataPath } from "./scenario-error.js";
import { formatDuration } from "./units.js";
import { zDuration } from "./zod-units.js";

/** Named stretches of the run the outcome sums up window by window (`phases.<name>`): [from, to). */
export const phases = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name of letters, digits and _").max(64), z.strictObject({
    from: zDuration().describe("Start of the phase (inclusive), from the start of the run."),
    to: zDuration({ min: 1 }).describe("End of the phase (exclusive)."),
  }))
  .optional()
  .meta({ description: "Named stretches of the run, NAME: { from, to }, summed up in the outcome as phases.NAME from the windows wholly inside [from, to). Absent: none.", examples: [{ outage: { from: "10m", to: "15m" } }] });

/**
 * The phases as the metrics take them, in the order written; a problem for a phase that ends
 * before it starts, ends after the run, or holds no whole window (windows start at `warmUp`).
 */
export function phaseSpecs(
  spec: { readonly phases?: z.output<typeof phases>; readonly duration: number; readonly warmUp: number; readonly slo: { readonly window: number } },
  problems: Array<{ path: DataPath; message: string }>,
): PhaseSpec[] | undefined {
  if (!spec.phases) return undefined;
  const window = spec.slo.window;
  return Object.entries(spec.phases).map(([name, { from, to }]) => {
    const path = ["phases", name];
    if (to <= from) problems.push({ path: [...path, "to"], message: `must be after from (${formatDuration(from)}), got ${formatDuration(to)}` });
    else if (to > spec.duration) problems.push({ path: [...path, "to"], message: `must be within the run (duration ${formatDuration(spec.duration)}), got ${formatDuration(to)}` });
    else {
      const firstStart = spec.warmUp + Math.max(0, Math.ceil((from - spec.warmUp) / window)) * window;
      if (firstStart + window > to) problems.push({ path, message: `holds no whole window: windows are ${formatDuration(window)} long from ${spec.warmUp > 0 ? `warmUp (${formatDuration(spec.warmUp)})` : "the start"}, so give at least one [start, start + ${formatDuration(window)}) inside [from, to)` });
    }
    return { name, from, to };
  });
}
