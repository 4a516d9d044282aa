import { describe, expect, test } from "vitest";
import type { ReplicaGroup } from "../../../src/model/cluster/consistency.js";
import { CoordinatorRound, type RoundHost } from "../../../src/model/cluster/coordinator-round.js";
import type { ReplicaWork } from "../../../src/model/request/replica-work.js";
import { Request } from "../../../src/model/request/request.js";
import { OpCode, Outcome } from "../../../src/model/request/codes.js";
import { TargetList } from "../../../src/model/cluster/target-list.js";
import { flatGroups } from "../../../src/model/cluster/group-table.js";

const LOCAL_QUORUM: ReplicaGroup[] = [{ members: [0, 1, 2], needed: 2 }];
const EACH_QUORUM: ReplicaGroup[] = [
  { members: [0, 1, 2], needed: 2 },
  { members: [3, 4, 5], needed: 2 },
];

/** A round on coordinator 0 whose host records the works sent and the replies given. */
function harness(groups: readonly ReplicaGroup[], targets: readonly number[]) {
  const works = new Map<number, ReplicaWork>();
  const replies: Outcome[] = [];
  const host: RoundHost = {
    sendWork: (_round, work) => works.set(work.replica, work),
    reply: (_round, outcome) => replies.push(outcome),
  };
  const request = new Request(7, OpCode.PUT, 0, 42, 3, 1000, 0, 0, 0, null);
  const round = new CoordinatorRound(request, 0, 0, flatGroups(groups), 0, host);
  round.dispatch(TargetList.of(targets));
  /** Replica `replica` answers `answer`. */
  const answer = (replica: number, outcome: Outcome) => {
    const work = works.get(replica)!;
    work.answer = outcome;
    round.answered(work);
  };
  return { round, works, replies, answer };
}

describe("CoordinatorRound", () => {
  test("dispatch sends one work per target, carrying the request's op and size", () => {
    const { works, round } = harness(LOCAL_QUORUM, [0, 1, 2]);
    expect([...works.keys()]).toEqual([0, 1, 2]);
    for (const w of works.values()) expect(w.round).toBe(round);
    expect(round.op).toBe(OpCode.PUT);
    expect(round.bytes).toBe(1000);
  });

  test("OK as soon as the group is met; later answers are ignored", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1, 2]);
    answer(0, Outcome.OK);
    expect(replies).toEqual([]);
    answer(2, Outcome.OK);
    expect(replies).toEqual([Outcome.OK]);
    answer(1, Outcome.FAILED);
    expect(replies).toEqual([Outcome.OK]);
  });

  test("FAILED as soon as the group can no longer be met", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1, 2]);
    answer(0, Outcome.FAILED);
    expect(replies).toEqual([]); // 0 good + 2 outstanding can still make 2
    answer(1, Outcome.FAILED);
    expect(replies).toEqual([Outcome.FAILED]);
    answer(2, Outcome.OK);
    expect(replies).toEqual([Outcome.FAILED]);
  });

  test("a read sent to exactly `needed` replicas fails on the first error", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1]);
    answer(1, Outcome.FAILED);
    expect(replies).toEqual([Outcome.FAILED]);
  });

  test("SHED when a shed answer made the group hopeless", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1]);
    answer(0, Outcome.OK);
    answer(1, Outcome.SHED);
    expect(replies).toEqual([Outcome.SHED]);
  });

  test("a shed answer that leaves the group reachable changes nothing", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1, 2]);
    answer(0, Outcome.SHED);
    answer(1, Outcome.OK);
    expect(replies).toEqual([]);
    answer(2, Outcome.OK);
    expect(replies).toEqual([Outcome.OK]);
  });

  test("answers from replicas outside every group neither help nor hurt", () => {
    // A LOCAL_QUORUM write goes to all six replicas; only 0, 1, 2 count.
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1, 2, 3, 4, 5]);
    answer(3, Outcome.OK);
    answer(4, Outcome.OK);
    answer(5, Outcome.FAILED);
    answer(0, Outcome.OK);
    expect(replies).toEqual([]);
    answer(1, Outcome.OK);
    expect(replies).toEqual([Outcome.OK]);
  });

  test("EACH_QUORUM waits for every group", () => {
    const { replies, answer } = harness(EACH_QUORUM, [0, 1, 2, 3, 4, 5]);
    answer(0, Outcome.OK);
    answer(1, Outcome.OK); // group 0 met
    answer(3, Outcome.OK);
    expect(replies).toEqual([]);
    answer(5, Outcome.OK);
    expect(replies).toEqual([Outcome.OK]);
  });

  test("EACH_QUORUM fails as soon as one group is hopeless, even with the other met", () => {
    const { replies, answer } = harness(EACH_QUORUM, [0, 1, 3, 4]);
    answer(0, Outcome.OK);
    answer(1, Outcome.OK);
    answer(4, Outcome.FAILED);
    expect(replies).toEqual([Outcome.FAILED]);
  });

  test("a reply during dispatch stops the remaining sends", () => {
    // The first target answers synchronously (as a coordinator shedding its own share does).
    const sent: number[] = [];
    const replies: Outcome[] = [];
    const host: RoundHost = {
      sendWork: (round, work) => {
        sent.push(work.replica);
        work.answer = Outcome.SHED;
        round.answered(work);
      },
      reply: (_round, outcome) => replies.push(outcome),
    };
    const round = new CoordinatorRound(new Request(1, OpCode.GET, 0, 1, 0, 0, 0, 0, 0, null), 0, 0, flatGroups(LOCAL_QUORUM), 0, host);
    round.dispatch(TargetList.of([0, 1]));
    expect(sent).toEqual([0]);
    expect(replies).toEqual([Outcome.SHED]);
  });

  // Regression (fixed): the round remembers that *any* replica shed, even one outside every group, and turns a
  // later failure into SHED. Here a remote replica (3) of a LOCAL_QUORUM write sheds — which cannot
  // affect the local group — and then two local replicas answer with errors: the request failed
  // because of errors, yet it is reported SHED (the doc: "a shed replica makes it SHED, an error FAILED").
  test("a shed answer from outside the groups does not turn a failure into SHED", () => {
    const { replies, answer } = harness(LOCAL_QUORUM, [0, 1, 2, 3]);
    answer(3, Outcome.SHED);
    answer(0, Outcome.FAILED);
    answer(1, Outcome.FAILED);
    expect(replies).toEqual([Outcome.FAILED]);
  });
});
