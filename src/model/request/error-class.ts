import { Outcome } from "./codes.js";

/**
 * Why an attempt failed, as a retry policy sees it: `timeout` (no answer in time), `throttled`
 * (a quota or rate limit refused it), `overloaded` (a server or the client's own limit shed it),
 * `unavailable` (too few live replicas, or no server), `transient` (a server error that may not
 * recur), `permanent` (one that will) and `conflict` (a compare-and-set found the key's version
 * changed since it was read; retrying re-reads it).
 */
export const ERROR_CLASSES = ["timeout", "throttled", "overloaded", "unavailable", "transient", "permanent", "conflict"] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The classes a server can answer with (a timeout is the client's own verdict). */
export const SERVER_ERROR_CLASSES = ["throttled", "overloaded", "unavailable", "transient", "permanent"] as const;
export type ServerErrorClass = (typeof SERVER_ERROR_CLASSES)[number];

/** The index of `conflict` in {@link ERROR_CLASSES}: a conditional write refused (counted as failed). */
export const CONFLICT = 6;

/** No class given: an attempt's failure is classed by its outcome. */
export const NO_CLASS = -1;

/** The index in {@link ERROR_CLASSES} of an attempt that ended with `outcome`, tagged `tag` (or {@link NO_CLASS}). */
export function errorClassOf(outcome: Outcome, tag: number): number {
  if (tag !== NO_CLASS) return tag;
  switch (outcome) {
    case Outcome.TIMED_OUT:
      return 0;
    case Outcome.SHED:
      return 2;
    case Outcome.UNAVAILABLE:
      return 3;
    default:
      return 4; // a server's error (a replica failed): transient
  }
}

/** The outcome an error of class index `index` is counted as: shed, unavailable or failed. */
export function outcomeOfClass(index: number): Outcome {
  const name = ERROR_CLASSES[index];
  if (name === "throttled" || name === "overloaded") return Outcome.SHED;
  if (name === "unavailable") return Outcome.UNAVAILABLE;
  if (name === "timeout") return Outcome.TIMED_OUT;
  return Outcome.FAILED;
}

/** A bit per class of `classes` (bit i: ERROR_CLASSES[i]). */
export function classMask(classes: readonly ErrorClass[]): number {
  let mask = 0;
  for (const c of classes) mask |= 1 << ERROR_CLASSES.indexOf(c);
  return mask;
}
