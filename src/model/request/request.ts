import type { TimerId } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { Signal } from "../config.js";
import { AttemptList } from "./attempt-list.js";
import type { ChunkedWrite } from "./chunked-write.js";
import { Outcome } from "./codes.js";
import type { FanOutRead } from "./fan-out-read.js";
import type { PageRead } from "./page-read.js";
import type { ScanRead } from "./scan-read.js";
import type { Tie } from "./tie.js";

// A client request and its attempts name each other, so they share this file.

/**
 * One attempt of a client request on the wire: what the cluster carries from the client to a
 * coordinator and back. A client request may send several (hedges, retries).
 */
export class Request {
  /** The answer the coordinator sent back (set before the response travels to the client). */
  reply: Outcome = Outcome.OK;
  /** An error fault's class of a failed reply (index in ERROR_CLASSES); NO_CLASS (−1): classed by `reply`. */
  errorClass = -1;
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
  /** Tied requests: the copies of this request on other servers (undefined: untied). */
  tie: Tie<Request> | undefined = undefined;
  /** A read of a versioned key: the version its coordinator saw; a conditional write: the version it expects (−1: unconditional). */
  version = -1;

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
    readonly owner: ClientRequest,
  ) {}
}

/**
 * A client's own record of one request, across its attempts (first, hedge, retries): what the
 * application sees, and what the metrics count once.
 */
export class ClientRequest {
  // At 768 clients a request is cold when its answer comes: the fields its answer and end read come first, together.
  outcome: Outcome = Outcome.OK;
  done = false;
  /** Attempts sent and not yet answered or abandoned. */
  readonly pending = new AttemptList<Request>();
  /** A compare-and-set: each try reads the key's version (a GET attempt), then writes if it is unchanged. */
  cas = false;
  /** A time-series read: pages still to fetch after the current one. */
  pagesLeft = 0;
  /** Timeout (single timer, or the current step of a chain), hedge and retry timers; 0: none. */
  timeout: TimerId = 0;
  hedgeTimer: TimerId = 0;
  retryTimer: TimerId = 0;
  /** A chunked write: its chunks and commit. */
  chunks: ChunkedWrite<ClientRequest> | undefined = undefined;
  /** Client CPU to decompress the answer of a GET, µs (0: none). */
  decompress = 0;
  /** A GetItems page: its rows come back with a progress token, and the next page follows. */
  page: PageRead | undefined = undefined;
  /** A response for it is waiting at the door while the client is paused. */
  bufferedReply = false;
  /** Issued by closed-loop client number `loop` (−1: an open-loop arrival, or a part or page). */
  loop = -1;
  /** Node of the latest attempt: hedges and retries go elsewhere. */
  lastNode = -1;
  /** Attempts sent so far (first + hedges + retries). */
  sent = 0;
  /** Normal attempts sent so far (first + retries): what maxAttempts counts. */
  tries = 0;
  hedged = false;
  /** The answer that ended the latest failed attempt, kept for the final outcome. */
  lastFailure: Outcome = Outcome.TIMED_OUT;
  previousDelay = 0;
  stepsLeft = 0;
  /** A write: how many of its attempts applied with a side effect (more than 1: duplicates). */
  applications = 0;
  /** When the client gives up on it (retries stop short of it), µs: start + max, or its write's. */
  deadline: Micros;
  /** A chunk (or commit): the write it belongs to. */
  chunkOf: ChunkedWrite<ClientRequest> | undefined = undefined;
  /** A Scan's page: the scan its cursor belongs to. */
  scan: ScanRead | undefined = undefined;
  /** A part of a multi-get: the read it belongs to (undefined: a request of its own). */
  fanOut: FanOutRead<ClientRequest> | undefined = undefined;
  /** A PUT waiting for its idempotency token: client CPU (compression) still to spend before it is sent, µs. */
  sendCpu = 0;

  /** The node the latest attempt went to (−1 before any). */
  get coordinator(): number {
    return this.lastNode;
  }

  constructor(
    readonly id: number,
    readonly op: number,
    readonly namespace: number,
    readonly key: number,
    readonly range: number,
    readonly bytes: number,
    readonly client: number,
    readonly start: Micros,
    /** The server's signal when the request was issued. */
    readonly signal: Signal,
  ) {
    this.deadline = start + signal.max;
  }
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
