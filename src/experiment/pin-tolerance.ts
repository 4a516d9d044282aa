import type { PinSpec, PinTolerance } from "../scenario/pin-schema.js";

/** A tolerance pattern as a test on paths: `*` stands for one whole segment. */
function patternMatches(pattern: string, path: string): boolean {
  const p = pattern.split(".");
  const s = path.split(".");
  return p.length === s.length && p.every((seg, i) => seg === "*" || seg === s[i]);
}

/** The scenario's tolerance for `path`: the matching pattern with the fewest wildcards, if any. */
export function toleranceFor(path: string, spec: PinSpec): PinTolerance | undefined {
  let best: PinTolerance | undefined;
  let bestWild = Infinity;
  for (const [pattern, tolerance] of Object.entries(spec.tolerance)) {
    if (!patternMatches(pattern, path)) continue;
    const wild = pattern.split(".").filter((seg) => seg === "*").length;
    if (wild < bestWild) {
      best = tolerance;
      bestWild = wild;
    }
  }
  return best;
}

/** The deviation from `mean` a tolerance always allows: max(absolute, relative × |mean|); 0 without one. */
export function toleranceFloor(mean: number, t: PinTolerance | undefined): number {
  if (!t) return 0;
  return Math.max(t.absolute ?? 0, (t.relative ?? 0) * Math.abs(mean));
}
