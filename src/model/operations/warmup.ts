import type { Micros } from "../../engine/time.js";

/** Speed of freshly started capacity relative to a warm unit: cold caches, an unjitted runtime. */
export const DEFAULT_WARMUP_START_SPEED = 0.3;

/**
 * Speed multiplier (0 to 1) at `now` of a unit that came online at `onlineAt` µs: 0 before it is
 * online, `startSpeed` (in [0, 1]) at `onlineAt`, rising linearly to 1 at `onlineAt + warmup`
 * and staying there; with `warmup` = 0 a unit is at full speed as soon as it is online.
 */
export function warmupFactor(now: Micros, onlineAt: Micros, warmup: Micros, startSpeed = DEFAULT_WARMUP_START_SPEED): number {
  if (!(Number.isFinite(warmup) && warmup >= 0)) throw new RangeError(`warmup must be a number of µs >= 0, got ${warmup}`);
  if (!(startSpeed >= 0 && startSpeed <= 1)) throw new RangeError(`warmup start speed must be in [0, 1], got ${startSpeed}`);
  if (now < onlineAt) return 0;
  const elapsed = now - onlineAt;
  if (elapsed >= warmup) return 1;
  return startSpeed + ((1 - startSpeed) * elapsed) / warmup;
}
