import type { TimerId } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { PageRead } from "./page-read.js";
import { type Request } from "./request.js";
import type { Tie } from "./tie.js";
import { Outcome } from "./codes.js";

/** What a replica answered, as the coordinator sees it. */
export type ReplicaAnswer = Outcome;

/** The coordinator's side of one request in flight; told of each replica's answer. */
export interface ReplicaRound {
  /** The client's attempt this round serves. */
  readonly request: Request;
  readonly op: number;
  readonly bytes: number;
  readonly coordinator: number;
  /** The coordinator's incarnation when the round began. */
  readonly incarnation: number;
  /** Called on the coordinator node when `work` comes back. */
  answered(work: ReplicaWork): void;
}

/**
 * One replica's share of a request: it travels from the coordinator to the replica, is queued
 * and served there, and travels back carrying `answer`.
 */
/** A node serving work (ServerNode): told when a piece of work's service time is over. */
export interface WorkServer {
  serviceEnded(work: ReplicaWork): void;
}

export class ReplicaWork {
  answer: ReplicaAnswer = Outcome.OK;
  /** Completion timer while in service, and when service ends (shifted by GC pauses). */
  timer: TimerId = 0;
  endsAt: Micros = 0;
  /** Position in the node's in-service list, −1 when not in service. */
  slot = -1;
  /** The node serving it, set when its service starts: its end (an engine action shared by all nodes) finds the node here. */
  server: WorkServer | undefined = undefined;
  /** When the node admitted it (for the limiter's rtt samples). */
  arrivedAt = 0;
  /** When the coordinator sent it (for outlier ejection). */
  sentAt = 0;
  /** In its server's queue now; taken off it by a tied copy's cancel (it stays in the array, skipped). */
  queued = false;
  cancelled = false;
  /** A member of its round's replica group (rounds of one group only): set at dispatch, so the answer need not look again. */
  inGroup = false;

  /** The attempt's tie and page, copied while its request is in cache: the server reads them without reaching the request. */
  readonly tie: Tie<Request> | undefined;
  readonly page: PageRead | undefined;

  constructor(
    readonly round: ReplicaRound,
    readonly replica: number,
  ) {
    this.tie = round.request.tie;
    this.page = round.request.page;
  }
}
