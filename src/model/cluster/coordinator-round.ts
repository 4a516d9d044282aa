import type { ReplicaGroup } from "./consistency.js";
import { contains } from "./contains.js";
import type { TargetList } from "./target-list.js";
import type { ReplyHost } from "./pool-round.js";
import { ReplicaWork, type ReplicaRound } from "../request/replica-work.js";
import { type Request } from "../request/request.js";
import { Outcome } from "../request/codes.js";

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
  // One group (every level but EACH_QUORUM) is counted in two fields; other counts in arrays.
  // Plain arrays: a typed array per request costs more to allocate than it saves.
  #good0 = 0;
  #outstanding0 = 0;
  readonly #good: number[] | undefined;
  readonly #outstanding: number[] | undefined;
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
    if (groups.length !== 1) {
      this.#good = new Array<number>(groups.length).fill(0);
      this.#outstanding = new Array<number>(groups.length).fill(0);
    }
  }

  /** Sends to each target once; `targets` must cover enough members of every group. */
  dispatch(targets: TargetList): void {
    const groups = this.groups;
    const outstanding = this.#outstanding;
    for (let i = 0; i < targets.length; i++) {
      if (outstanding === undefined) {
        if (contains(groups[0].members, targets.at(i))) this.#outstanding0++;
      } else {
        for (let g = 0; g < groups.length; g++) if (contains(groups[g].members, targets.at(i))) outstanding[g]++;
      }
    }
    for (let i = 0; i < targets.length; i++) {
      if (this.#finished) return;
      this.host.sendWork(this, new ReplicaWork(this, targets.at(i)));
    }
  }

  answered(work: ReplicaWork): void {
    if (this.#finished) return;
    const ok = work.answer === Outcome.OK;
    const good = this.#good;
    const outstanding = this.#outstanding;
    if (good === undefined || outstanding === undefined) {
      const group = this.groups[0];
      if (contains(group.members, work.replica)) {
        this.#outstanding0--;
        if (ok) this.#good0++;
        // Only a shed that counts against a group can make the round fail as SHED.
        else if (work.answer === Outcome.SHED) this.#shed = true;
      }
      if (this.#good0 >= group.needed) this.#finish(Outcome.OK);
      else if (this.#good0 + this.#outstanding0 < group.needed) this.#finish(this.#shed ? Outcome.SHED : Outcome.FAILED);
      return;
    }
    let met = true;
    let hopeless = false;
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g];
      if (contains(group.members, work.replica)) {
        outstanding[g]--;
        if (ok) good[g]++;
        else if (work.answer === Outcome.SHED) this.#shed = true;
      }
      if (good[g] < group.needed) {
        met = false;
        if (good[g] + outstanding[g] < group.needed) hopeless = true;
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
