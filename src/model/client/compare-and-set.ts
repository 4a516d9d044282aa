import type { RandomStreams, Source } from "../../engine/random-streams.js";
import type { NamespaceConfig } from "../config.js";
import { AttemptKind, OpCode, Outcome } from "../request/codes.js";
import { CONFLICT } from "../request/error-class.js";
import type { Request } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";

/**
 * Which of a client's PUTs are compare-and-set: in a namespace with `cas.share`, each PUT is one
 * with that probability, drawn from the stream `${prefix}/${namespace}/cas` (no draw at a share
 * of 0 or 1). A CAS request's every try is a read of the key's version (a GET attempt) and then,
 * at once, a write conditional on that version (`AttemptKind.CAS_WRITE`); a write that finds the
 * version changed fails with the class `conflict`, which the retrier retries (re-reading) when
 * `retryOn` names it. CAS requests are never hedged: a hedged conditional write races itself.
 */
export class CompareAndSet {
  readonly #shares: readonly number[];
  readonly #draws: readonly (Source | undefined)[];
  readonly #stats: ClientStats;

  constructor(namespaces: readonly NamespaceConfig[], streams: RandomStreams, prefix: string, stats: ClientStats) {
    this.#stats = stats;
    this.#shares = namespaces.map((ns) => ns.cas?.share ?? 0);
    this.#draws = namespaces.map((ns, i) => {
      const share = this.#shares[i];
      return share > 0 && share < 1 ? streams.stream(`${prefix}/${ns.name}/cas`) : undefined;
    });
  }

  /** Whether a new request of `op` to namespace `namespace` is a compare-and-set (counted). */
  marks(namespace: number, op: number): boolean {
    if (op !== OpCode.PUT) return false;
    const share = this.#shares[namespace];
    const draw = this.#draws[namespace];
    const cas = share >= 1 || (draw !== undefined && draw() < share);
    if (cas) this.#stats.casRequests++;
    return cas;
  }

  /** The op of a compare-and-set's next attempt of `kind` (counted): its conditional write, or a try's version read. */
  attemptOp(kind: number): number {
    if (kind === AttemptKind.CAS_WRITE) {
      this.#stats.casWrites++;
      return OpCode.PUT;
    }
    this.#stats.casTries++;
    return OpCode.GET;
  }

  /**
   * A CAS attempt answered (its request still open): counts a conflict, or a write that
   * succeeded (the request ends with it); true when it is a version read that succeeded, and the
   * conditional write must follow.
   */
  answered(attempt: Request): boolean {
    if (attempt.errorClass === CONFLICT) this.#stats.casConflicts++;
    if (attempt.reply !== Outcome.OK) return false;
    if (attempt.op === OpCode.GET) return true;
    this.#stats.casSucceeded++;
    return false;
  }
}
