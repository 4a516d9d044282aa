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

/** Why an attempt was sent: `CAS_WRITE` is a compare-and-set's conditional write, after its version read (a first attempt or retry). */
export const AttemptKind = { FIRST: 0, HEDGE: 1, RETRY: 2, CAS_WRITE: 3 } as const;
