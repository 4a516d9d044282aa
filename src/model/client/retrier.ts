import type { Engine } from "../../engine/engine.js";
import type { Source } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import type { RetryConfig } from "../config.js";
import type { Outcome } from "../request/codes.js";
import { classMask, errorClassOf, NO_CLASS } from "../request/error-class.js";
import type { ClientRequest } from "../request/request.js";
import { attemptTimeout, onLastTimedTry } from "./attempt-timeout.js";
import type { ClientStats } from "./client-stats.js";
import { retryDelay } from "./retry-backoff.js";
import { RetryBudget } from "./retry-budget.js";

/**
 * A client's retry policy: which classes of failure are retried (`retryOn`), after what backoff
 * (capped exponential from `baseFactor` × the signalled target, with jitter), how long an
 * attempt may go unanswered (the last try apart), and a budget that caps retries at a share of
 * requests.
 */
export class Retrier {
  readonly #engine: Engine;
  readonly #config: RetryConfig;
  readonly #draws: Source;
  readonly #budget: RetryBudget | undefined;
  readonly #stats: ClientStats;
  /** Bit i set: ERROR_CLASSES[i] is retried. */
  readonly #retryable: number;

  constructor(engine: Engine, config: RetryConfig, draws: Source, stats: ClientStats) {
    this.#engine = engine;
    this.#config = config;
    this.#draws = draws;
    this.#budget = config.budget ? new RetryBudget(config.budget) : undefined;
    this.#stats = stats;
    this.#retryable = classMask(config.retryOn);
  }

  /** A request starts: the budget earns its share of a retry. */
  onRequest(): void {
    this.#budget?.onRequest();
  }

  /** How long an attempt of `request` may go unanswered before it is retried, µs; undefined: as long as the request. */
  attemptTimeout(request: ClientRequest): Micros | undefined {
    return attemptTimeout(this.#config, request);
  }

  /** Whether an attempt of `request` that timed out is given up rather than waited for (its last try's own timeout). */
  givesUp(request: ClientRequest): boolean {
    return onLastTimedTry(this.#config, request);
  }

  /**
   * The backoff before retrying `request` after `outcome` (of error class index `errorClass`, or
   * classed by the outcome), or undefined when it may not be retried: a class not in `retryOn`,
   * attempts used up, no time left before its deadline, or (counted) no budget. A granted retry
   * spends a budget token.
   */
  delay(request: ClientRequest, outcome: Outcome, errorClass = NO_CLASS): Micros | undefined {
    const config = this.#config;
    if (((this.#retryable >> errorClassOf(outcome, errorClass)) & 1) === 0 || request.tries >= config.maxAttempts) return undefined;
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
