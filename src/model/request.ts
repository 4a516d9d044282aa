import type { TimerId } from "../engine/engine.js";
import type { Micros } from "../engine/time.js";
import type { PageRead } from "./api/page-read.js";

/** How a request ended, from the client's point of view. */
export const Outcome = {
  OK: 0,
  /** The server answered with an error. */
  FAILED: 1,
  /** No answer before the client's timeout. */
  TIMED_OUT: 2,
  /** A server rejected it to protect itself (queue full, limiter), or the client's limit did. */
  SHED: 3,
  /** Too few live replicas (or no coordinator) to even try. */
  UNAVAILABLE: 4,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES = ["ok", "failed", "timedOut", "shed", "unavailable"] as const;

/** Operation codes on the request path (indices into OPS). */
export const OpCode = { GET: 0, PUT: 1, SCAN: 2 } as const;

/** Why an attempt was sent. */
export const AttemptKind = { FIRST: 0, HEDGE: 1, RETRY: 2 } as const;

/**
 * One attempt of a client request on the wire: what the cluster carries from the client to a
 * coordinator and back. A client request may send several (hedges, retries).
 */
export class Request {
  /** The answer the coordinator sent back (set before the response travels to the client). */
  reply: Outcome = Outcome.OK;
  /** The node the client sent it to. */
  coordinator = -1;
  /** The client stopped waiting for it (another attempt won, or the request ended). */
  abandoned = false;
  /** The attempt's own timeout (retries), 0 when none. */
  timer: TimerId = 0;
  /** A write attempt: some replica has applied it (set by the API's write ledger). */
  applied = false;
  /** A GetItems page: what the server is asked to fill (undefined: a plain request). */
  page: PageRead | undefined = undefined;

  constructor(
    readonly id: number,
    readonly op: number,
    readonly namespace: number,
    readonly key: number,
    readonly range: number,
    readonly bytes: number,
    readonly client: number,
    /** When the attempt was sent, µs. */
    readonly start: Micros,
    readonly kind: number,
    /** The client's own record of the request this attempt belongs to. */
    readonly owner: unknown,
  ) {}
}

/** What the metrics see of a finished client request. */
export interface FinishedRequest {
  readonly op: number;
  readonly namespace: number;
  readonly outcome: number;
  readonly client: number;
  readonly range: number;
}

/** What the metrics see of finished client requests. */
export interface RequestObserver {
  /** Called once per client request, at the instant its outcome is known to the client. */
  onRequestDone(request: FinishedRequest, latency: Micros): void;
}
