import { inGroup } from "./group-table.js";
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
  readonly #groupCount: number;
  readonly #good: number[] | undefined;
  readonly #outstanding: number[] | undefined;
  #finished = false;
  #shed = false;

  constructor(
    readonly request: Request,
    readonly coordinator: number,
    /** The coordinator's incarnation when the round began (it changes with every crash). */
    readonly incarnation: number,
    /** The groups' table (see `GroupTable`) and the entry's offset in it. */
    readonly groups: Int32Array,
    readonly at: number,
    readonly host: RoundHost,
  ) {
    this.op = request.op;
    this.bytes = request.bytes;
    const count = groups[at] - 1;
    this.#groupCount = count;
    this.#needed0 = count === 1 ? groups[at + 1] : 0;
    if (count !== 1) {
      this.#good = new Array<number>(count).fill(0);
      this.#outstanding = new Array<number>(count).fill(0);
    }
  }

  /** Sends to each target once; `targets` must cover enough members of every group. */
  dispatch(targets: TargetList): void {
    const groups = this.groups;
    const first = this.at + 1;
    const outstanding = this.#outstanding;
    for (let i = 0; i < targets.length; i++) {
      if (outstanding === undefined) {
        if (inGroup(groups, first, targets.at(i))) this.#outstanding0++;
      } else {
        for (let g = 0, w = first; g < this.#groupCount; g++, w += 2 + groups[w + 1]) if (inGroup(groups, w, targets.at(i))) outstanding[g]++;
      }
    }
    for (let i = 0; i < targets.length; i++) {
      if (this.#finished) return;
      const work = new ReplicaWork(this, targets.at(i));
      // One group: whether the target counts for it, known now, so `answered` reads no group.
      if (outstanding === undefined) work.inGroup = inGroup(groups, first, work.replica);
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
    const groups = this.groups;
    for (let g = 0, w = this.at + 1; g < this.#groupCount; g++, w += 2 + groups[w + 1]) {
      if (inGroup(groups, w, work.replica)) {
        outstanding[g]--;
        if (ok) good[g]++;
        else if (work.answer === Outcome.SHED) this.#shed = true;
      }
      const needed = groups[w];
      if (good[g] < needed) {
        met = false;
        if (good[g] + outstanding[g] < needed) hopeless = true;
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
