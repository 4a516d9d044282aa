import type { Action, Engine } from "../../engine/engine.js";
import type { TimeoutConfig } from "../config.js";
import { Outcome } from "../request/codes.js";
import type { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";

/**
 * A client's request timeout at the signalled max: one timer, or a GC-tolerant chain of `steps`
 * shorter ones (a pause costs at most one step, where one long timer would fire at once after
 * it). A timeout that fires while an answer waits at the paused client's door is spurious.
 */
export class RequestTimeout {
  readonly #engine: Engine;
  readonly #config: TimeoutConfig;
  readonly #onDeadline: Action<ClientRequest>;
  readonly #onStep: Action<ClientRequest>;

  /** `end` ends a timed-out request; `gate` wraps the timers' actions (the client's pauses hold them). */
  constructor(engine: Engine, config: TimeoutConfig, stats: ClientStats, end: (request: ClientRequest, outcome: Outcome) => void, gate: (action: Action<ClientRequest>) => Action<ClientRequest>) {
    this.#engine = engine;
    this.#config = config;
    this.#onDeadline = gate((request) => {
      request.timeout = 0;
      if (request.done) return;
      if (request.bufferedReply) stats.spuriousTimeouts++;
      end(request, Outcome.TIMED_OUT);
    });
    this.#onStep = gate((request) => {
      request.timeout = 0;
      if (request.done) return;
      if (--request.stepsLeft > 0) {
        request.timeout = this.#engine.schedule(this.#step(request), this.#onStep, request);
        return;
      }
      if (request.bufferedReply) stats.spuriousTimeouts++;
      end(request, Outcome.TIMED_OUT);
    });
  }

  /** Arms the timeout of a request that starts now. */
  arm(request: ClientRequest): void {
    if (this.#config.kind === "chained") {
      request.stepsLeft = this.#config.steps;
      request.timeout = this.#engine.schedule(this.#step(request), this.#onStep, request);
    } else {
      request.timeout = this.#engine.schedule(request.signal.max, this.#onDeadline, request);
    }
  }

  #step(request: ClientRequest): number {
    return Math.max(1, Math.round(request.signal.max / this.#config.steps));
  }
}
