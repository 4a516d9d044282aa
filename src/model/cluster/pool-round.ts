import type { ReplicaRound, ReplicaWork } from "../request/replica-work.js";
import type { Request } from "../request/request.js";
import type { Outcome } from "../request/codes.js";

/** Where a round sends its final answer: the cluster, which routes it to the client. */
export interface ReplyHost {
  reply(round: { readonly request: Request; readonly coordinator: number }, outcome: Outcome): void;
}

/**
 * A request in a plain pool of servers: the node the client reached serves it itself and
 * answers with whatever its service produced (no coordinator hop, no replicas).
 */
export class PoolRound implements ReplicaRound {
  readonly op: number;
  readonly bytes: number;

  constructor(
    readonly request: Request,
    readonly coordinator: number,
    readonly incarnation: number,
    readonly host: ReplyHost,
  ) {
    this.op = request.op;
    this.bytes = request.bytes;
  }

  answered(work: ReplicaWork): void {
    this.host.reply(this, work.answer);
  }
}
