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
  /** The one group's `needed`, read while the group is in cache (0 with several groups). */
  readonly #needed0: number;
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
    this.#needed0 = groups.length === 1 ? groups[0].needed : 0;
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
      const work = new ReplicaWork(this, targets.at(i));
      // One group: whether the target counts for it, known now, so `answered` reads no group.
      if (outstanding === undefined) work.inGroup = contains(groups[0].members, work.replica);
      this.host.sendWork(this, work);
    }
  }

  answered(work: ReplicaWork): void {
    if (this.#finished) return;
    const ok = work.answer === Outcome.OK;
    const good = this.#good;
    const outstanding = this.#outstanding;
    if (good === undefined || outstanding === undefined) {
      if (work.inGroup) {
        this.#outstanding0--;
        if (ok) this.#good0++;
        // Only a shed that counts against a group can make the round fail as SHED.
        else if (work.answer === Outcome.SHED) this.#shed = true;
      }
      const needed = this.#needed0;
      if (this.#good0 >= needed) this.#finish(Outcome.OK);
      else if (this.#good0 + this.#outstanding0 < needed) this.#finish(this.#shed ? Outcome.SHED : Outcome.FAILED);
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
