import type { Engine } from "../../engine/engine.js";
import type { Source } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import type { RetryConfig } from "../config.js";
import { Outcome } from "../request/codes.js";
import type { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";
import { retryDelay } from "./retry-backoff.js";
import { RetryBudget } from "./retry-budget.js";

const isRetryable = (o: Outcome) => o === Outcome.TIMED_OUT || o === Outcome.SHED || o === Outcome.UNAVAILABLE;

/**
 * A client's retry policy: which failures are retried, after what backoff (capped exponential
 * from `baseFactor` × the signalled target, with jitter), how long an attempt may go unanswered,
 * and a budget that caps retries at a share of requests.
 */
export class Retrier {
  readonly #engine: Engine;
  readonly #config: RetryConfig;
  readonly #draws: Source;
  readonly #budget: RetryBudget | undefined;
  readonly #stats: ClientStats;

  constructor(engine: Engine, config: RetryConfig, draws: Source, stats: ClientStats) {
    this.#engine = engine;
    this.#config = config;
    this.#draws = draws;
    this.#budget = config.budget ? new RetryBudget(config.budget) : undefined;
    this.#stats = stats;
  }

  /** A request starts: the budget earns its share of a retry. */
  onRequest(): void {
    this.#budget?.onRequest();
  }

  /** How long an attempt of `request` may go unanswered before it is retried, µs; undefined: as long as the request. */
  attemptTimeout(request: ClientRequest): Micros | undefined {
    const config = this.#config;
    if (config.maxAttempts <= 1) return undefined;
    return config.attemptTimeout ?? Math.max(1, Math.round(request.signal.max / config.maxAttempts));
  }

  /**
   * The backoff before retrying `request` after `outcome`, or undefined when it may not be
   * retried: not retryable, attempts used up, no time left before its deadline, or (counted) no
   * budget. A granted retry spends a budget token.
   */
  delay(request: ClientRequest, outcome: Outcome): Micros | undefined {
    const config = this.#config;
    if (!isRetryable(outcome) || request.tries >= config.maxAttempts) return undefined;
    const base = Math.max(1, Math.round(config.baseFactor * request.signal.target));
    const delay = retryDelay(request.tries, { base, cap: config.cap, jitter: config.jitter }, request.previousDelay || base, this.#draws);
    if (this.#engine.now + delay >= request.deadline) return undefined;
    if (this.#budget && !this.#budget.tryRetry()) {
      this.#stats.retriesRefused++;
      return undefined;
    }
    request.previousDelay = delay;
    return delay;
  }
}
