import type { SimulationConfig } from "../scenario/simulation-config.js";
import { simulate, type SimulationResult } from "./simulate.js";

/** What `--check-determinism` found: the same run twice, or where the second left the first. */
export interface DeterminismReport {
  readonly deterministic: boolean;
  readonly events: readonly [number, number];
  readonly fingerprints: readonly [string, string];
  /** The first window whose fingerprint or numbers differ: it lies between these times, s. */
  readonly firstDifference?: { readonly fromS: number; readonly toS: number; readonly what: string };
}

/** The first window where two runs differ (engine fingerprint, then the window's numbers), if any. */
export function firstDifference(a: SimulationResult, b: SimulationResult): DeterminismReport["firstDifference"] {
  const fa = a.windowFingerprints ?? [];
  const fb = b.windowFingerprints ?? [];
  const n = Math.max(a.windows.length, b.windows.length);
  for (let i = 0; i < n; i++) {
    const wa = a.windows[i];
    const wb = b.windows[i];
    const span = { fromS: (wa ?? wb).start / 1e6, toS: (wa ?? wb).end / 1e6 };
    if (!wa || !wb) return { ...span, what: "one run has more windows" };
    if (fa[i] !== fb[i]) return { ...span, what: `event fingerprint ${fa[i]} vs ${fb[i]}` };
    if (JSON.stringify(wa) !== JSON.stringify(wb)) return { ...span, what: "the window's counts or latencies" };
  }
  if (a.engine.fingerprint !== b.engine.fingerprint) {
    const last = a.windows[a.windows.length - 1];
    return { fromS: last ? last.end / 1e6 : 0, toS: last ? last.end / 1e6 : 0, what: "events after the last window" };
  }
  if (JSON.stringify(a.outcome) !== JSON.stringify(b.outcome)) return { fromS: 0, toS: a.outcome.durationS, what: "the outcome" };
  return undefined;
}

/**
 * Runs `config` twice on `seed`, noting the engine's fingerprint at every window, and compares:
 * a model that reads the clock, Math.random or iteration order of something unordered shows up
 * here, with the first stretch of simulated time where the runs part.
 */
export function checkDeterminism(config: SimulationConfig, seed: number, options: { maxEvents?: number } = {}): DeterminismReport {
  const run = () => simulate(config, seed, { ...options, traceFingerprints: true });
  const a = run();
  const b = run();
  const diff = firstDifference(a, b);
  return {
    deterministic: diff === undefined,
    events: [a.engine.events, b.engine.events],
    fingerprints: [a.engine.fingerprint, b.engine.fingerprint],
    ...(diff ? { firstDifference: diff } : {}),
  };
}
