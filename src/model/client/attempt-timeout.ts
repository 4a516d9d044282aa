import type { Micros } from "../../engine/time.js";
import type { RetryConfig } from "../config.js";
import type { ClientRequest } from "../request/request.js";

type Timeouts = Pick<RetryConfig, "maxAttempts" | "attemptTimeout" | "lastAttemptTimeout">;

/** Whether `request` has sent its last try (try number maxAttempts) and that try has a timeout of its own. */
export function onLastTimedTry(config: Timeouts, request: ClientRequest): boolean {
  return config.lastAttemptTimeout !== undefined && request.tries >= config.maxAttempts;
}

/**
 * How long the attempt `request` just sent may go unanswered, µs: `lastAttemptTimeout` for its
 * last try when set (then it is given up, not retried); otherwise `attemptTimeout`, by default
 * max / maxAttempts. Undefined: as long as the request (one attempt, no timeout of its own).
 */
export function attemptTimeout(config: Timeouts, request: ClientRequest): Micros | undefined {
  if (onLastTimedTry(config, request)) return config.lastAttemptTimeout;
  if (config.maxAttempts <= 1) return undefined;
  return config.attemptTimeout ?? Math.max(1, Math.round(request.signal.max / config.maxAttempts));
}
