import type { TimerId } from "../engine/engine.js";
import type { Micros } from "../engine/time.js";

/** How a request ended, from the client's point of view. */
export const Outcome = {
  OK: 0,
  /** The server answered with an error. */
  FAILED: 1,
  /** No answer before the client's timeout. */
  TIMED_OUT: 2,
  /** A server rejected it to protect itself (queue full, limiter). */
  SHED: 3,
  /** Too few live replicas (or no coordinator) to even try. */
  UNAVAILABLE: 4,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES = ["ok", "failed", "timedOut", "shed", "unavailable"] as const;

/** Operation codes on the request path (indices into OPS). */
export const OpCode = { GET: 0, PUT: 1 } as const;

/** One client request, from issue to outcome. Carried by reference along the whole path. */
export class Request {
  /** Outcome once answered; meaningful when `done`. */
  outcome: Outcome = Outcome.OK;
  done = false;
  /** The answer the coordinator sent back (set before the response travels to the client). */
  reply: Outcome = Outcome.OK;
  timeout: TimerId = 0;
  /** The node the client sent it to. */
  coordinator = -1;

  constructor(
    readonly id: number,
    readonly op: number,
    readonly key: number,
    readonly range: number,
    readonly bytes: number,
    readonly client: number,
    readonly start: Micros,
  ) {}
}

/** What the metrics see of a finished request. */
export interface RequestObserver {
  /** Called once per request, at the instant its outcome is known to the client. */
  onRequestDone(request: Request, latency: Micros): void;
}
