import { aimdLimit } from "./aimd-limit.js";
import { fixedLimit } from "./fixed-limit.js";
import { gradientLimit } from "./gradient-limit.js";
import type { Limit } from "./limit.js";
import { extensionLimit, LIMIT_KINDS, type ExtensionLimitSpec } from "./limit-registry.js";
import { vegasLimit } from "./vegas-limit.js";

/** A concurrency limit as a scenario names it; counts are requests, times µs. */
export type LimitSpec =
  | { readonly kind: "fixed"; readonly limit: number }
  | { readonly kind: "aimd"; readonly initial: number; readonly min: number; readonly max: number; readonly backoff: number; readonly timeout: number }
  | { readonly kind: "vegas"; readonly initial: number; readonly min: number; readonly max: number }
  | {
      readonly kind: "gradient";
      readonly initial: number;
      readonly min: number;
      readonly max: number;
      readonly rttTolerance: number;
      readonly smoothing: number;
    };

/** The kinds of limit {@link makeLimit} builds. */
export type LimitKind = LimitSpec["kind"];

// LIMIT_KINDS (the names registrations may not take) is exactly LimitKind: a kind added to one only does not compile.
const everyLimitListed: readonly (typeof LIMIT_KINDS)[number][] = [] as LimitKind[];
const onlyLimitsListed: readonly LimitKind[] = LIMIT_KINDS;
void [everyLimitListed, onlyLimitsListed];

/** A built-in limit, or one a program registered. */
export type AnyLimitSpec = LimitSpec | ExtensionLimitSpec;

/** Where a limit is built: what a registered one is told (called only for those). */
export type LimitPlace = () => { readonly node: string; readonly random: () => number };

/**
 * A complete spec per kind, for a scenario to fill in what it leaves out. All adaptive kinds start
 * at 20 requests and move within [1, 1000]. fixed: 20 in flight. aimd: back off to 90% (Netflix's
 * default) and count an rtt over 1 s as a drop (Netflix says 5 s; a storage server answering in
 * more than a second has lost its caller). vegas: Netflix's log10 alpha/beta and a probe every
 * 30 × limit samples. gradient: Gradient2's tolerance 1.5 and smoothing 0.2, queue size 4.
 */
export const LIMIT_DEFAULTS: { readonly [K in LimitKind]: Extract<LimitSpec, { kind: K }> } = {
  fixed: { kind: "fixed", limit: 20 },
  aimd: { kind: "aimd", initial: 20, min: 1, max: 1000, backoff: 0.9, timeout: 1_000_000 },
  vegas: { kind: "vegas", initial: 20, min: 1, max: 1000 },
  gradient: { kind: "gradient", initial: 20, min: 1, max: 1000, rttTolerance: 1.5, smoothing: 0.2 },
};

/** A fresh limit as `spec` describes it (throws RangeError on out-of-range parameters); `place` serves registered ones. */
export function makeLimit(spec: AnyLimitSpec, place?: LimitPlace): Limit {
  switch (spec.kind) {
    case "extension": {
      if (!place) throw new Error(`limit "${spec.name}": a registered limit needs its node`);
      const { node, random } = place();
      return extensionLimit(spec, node, random);
    }
    case "fixed":
      return fixedLimit(spec.limit);
    case "aimd":
      return aimdLimit(spec);
    case "vegas":
      // Smoothed rtt: with noisy service times the raw minimum is a lucky outlier and the
      // limit collapses (seen in a closed-loop trial: ~5 raw, ~29 with a 100-sample window).
      return vegasLimit({ ...spec, rttWindow: 100 });
    case "gradient":
      return gradientLimit(spec);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown limit kind ${String((unknown as { kind: unknown }).kind)}`);
    }
  }
}
