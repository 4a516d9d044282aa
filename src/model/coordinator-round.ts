import type { ReplicaGroup } from "./consistency.js";
import type { ReplyHost } from "./pool-round.js";
import { ReplicaWork, type ReplicaRound } from "./replica-work.js";
import { Outcome, type Request } from "./request.js";

/** Where a round sends its work and its final answer: the cluster. */
export interface RoundHost extends ReplyHost {
  sendWork(round: CoordinatorRound, work: ReplicaWork): void;
}

/**
 * A coordinator waiting for one request's replicas: every group of the consistency level must
 * gather `needed` good answers. It answers OK as soon as all groups are met, and fails as soon
 * as some group can no longer be met (a shed replica makes it SHED, an error FAILED).
 */
export class CoordinatorRound implements ReplicaRound {
  readonly op: number;
  readonly bytes: number;
  // Plain arrays: a typed array per request costs more to allocate than it saves.
  #good: number[];
  #outstanding: number[];
  #finished = false;
  #shed = false;

  constructor(
    readonly request: Request,
    readonly coordinator: number,
    /** The coordinator's incarnation when the round began (it changes with every crash). */
    readonly incarnation: number,
    readonly groups: readonly ReplicaGroup[],
    readonly host: RoundHost,
  ) {
    this.op = request.op;
    this.bytes = request.bytes;
    this.#good = groups.length === 1 ? [0] : new Array<number>(groups.length).fill(0);
    this.#outstanding = groups.length === 1 ? [0] : new Array<number>(groups.length).fill(0);
  }

  /** Sends to each target once; `targets` must cover enough members of every group. */
  dispatch(targets: readonly number[]): void {
    for (const target of targets) {
      for (let g = 0; g < this.groups.length; g++) if (this.groups[g].members.includes(target)) this.#outstanding[g]++;
    }
    for (const target of targets) {
      if (this.#finished) return;
      this.host.sendWork(this, new ReplicaWork(this, target));
    }
  }

  answered(work: ReplicaWork): void {
    if (this.#finished) return;
    const ok = work.answer === Outcome.OK;
    let met = true;
    let hopeless = false;
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g];
      if (group.members.includes(work.replica)) {
        this.#outstanding[g]--;
        if (ok) this.#good[g]++;
        // Only a shed that counts against a group can make the round fail as SHED.
        else if (work.answer === Outcome.SHED) this.#shed = true;
      }
      if (this.#good[g] < group.needed) {
        met = false;
        if (this.#good[g] + this.#outstanding[g] < group.needed) hopeless = true;
      }
    }
    if (met) this.#finish(Outcome.OK);
    else if (hopeless) this.#finish(this.#shed ? Outcome.SHED : Outcome.FAILED);
  }

  #finish(outcome: Outcome): void {
    this.#finished = true;
    this.host.reply(this, outcome);
  }
}
