import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { ms } from "../../../src/engine/time.js";
import type { NodeConfig } from "../../../src/model/config.js";
import { ReplicaWork, type ReplicaRound } from "../../../src/model/request/replica-work.js";
import { OpCode, Outcome } from "../../../src/model/request/codes.js";
import { ServerNode, type AnswerRoute } from "../../../src/model/server/server-node.js";
import { constant, nodeConfig } from "../tiny-world.js";

/** A node "a/0" whose GET takes 1 ms CPU + 4 ms disk = 5 ms, and PUT 2 + 4 = 6 ms (unless overridden). */
function harness(overrides: Partial<NodeConfig> = {}, seed = 1) {
  const engine = new Engine();
  const answers: Array<[number, Outcome, string]> = [];
  const route: AnswerRoute = {
    sendAnswer: (_from, work) => answers.push([engine.now, work.answer, (work.round as ReplicaRound & { name: string }).name]),
  };
  const node = new ServerNode(engine, { index: 0, id: "a/0", zone: 0, region: 0 }, nodeConfig(overrides), new RandomStreams(seed), route);
  /** Delivers a work for an op named `name` to the node at instant `at` µs. */
  const send = (at: number, name: string, op: number = OpCode.GET) => {
    const round = { name, op, bytes: 0, coordinator: 0, request: { page: undefined }, answered: () => {} };
    engine.scheduleAt(at, () => node.deliver(node.receiveWork, new ReplicaWork(round, 0)));
  };
  const at = (t: number, action: () => void) => engine.scheduleAt(t, action);
  return { engine, node, answers, send, at };
}

describe("ServerNode service", () => {
  test("a one-slot node serves two works back to back", () => {
    const { engine, node, answers, send } = harness();
    send(0, "w1");
    send(0, "w2");
    engine.run({ until: ms(100) });
    expect(answers).toEqual([
      [ms(5), Outcome.OK, "w1"],
      [ms(10), Outcome.OK, "w2"],
    ]);
    // w2 waited 5 ms in the queue; the one slot was offered for the whole 100 ms.
    expect(node.stats).toEqual({ served: 2, shed: 0, busyTime: ms(10), slotTime: ms(10), queueTime: ms(5), capacityTime: ms(100), started: 2, waited: 1 });
  });

  test("a PUT costs its own CPU time", () => {
    const { engine, answers, send } = harness();
    send(0, "put", OpCode.PUT);
    engine.run();
    expect(answers).toEqual([[ms(6), Outcome.OK, "put"]]);
  });

  test("two slots serve two works at once", () => {
    const { engine, answers, send } = harness({ concurrency: 2 });
    send(0, "w1");
    send(ms(1), "w2");
    engine.run();
    expect(answers.map(([t]) => t)).toEqual([ms(5), ms(6)]);
  });

  test("beyond the slots and the queue, work is shed at once with SHED and counted", () => {
    const { engine, node, answers, send } = harness({ concurrency: 1, queueLimit: 1 });
    send(0, "served");
    send(0, "queued");
    send(ms(1), "shed");
    engine.run();
    expect(answers).toEqual([
      [ms(1), Outcome.SHED, "shed"],
      [ms(5), Outcome.OK, "served"],
      [ms(10), Outcome.OK, "queued"],
    ]);
    expect(node.stats.shed).toBe(1);
    expect(node.stats.served).toBe(2);
  });

  test("the queue frees as work finishes: a work arriving after a completion is queued, not shed", () => {
    const { engine, answers, send } = harness({ concurrency: 1, queueLimit: 1 });
    send(0, "w1");
    send(0, "w2");
    send(ms(6), "w3"); // w2 is in service now, the queue is empty
    engine.run();
    expect(answers).toEqual([
      [ms(5), Outcome.OK, "w1"],
      [ms(10), Outcome.OK, "w2"],
      [ms(15), Outcome.OK, "w3"],
    ]);
  });
});

describe("ServerNode GC pauses", () => {
  // A pause of 2 ms every 3 ms of running time: pauses at [3, 5), [8, 10), [13, 15) ms ...
  const gc = { interval: constant(ms(3)), pause: constant(ms(2)) };

  test("a pause freezes service: a work due at 5 ms completes at 5 ms + the pause", () => {
    const { engine, node, answers, send } = harness({ gc });
    send(0, "w");
    engine.run({ until: ms(7.5) });
    expect(answers).toEqual([[ms(7), Outcome.OK, "w"]]);
    expect(node.gc.stats).toEqual({ pauses: 1, pausedTime: ms(2) });
  });

  test("messages that arrive during a pause are handled at its end, in arrival order", () => {
    const { engine, node, at } = harness({ gc });
    const log: Array<[number, string]> = [];
    const handle = (m: string) => log.push([engine.now, m]);
    at(ms(2), () => node.deliver(handle, "before"));
    at(ms(3.5), () => node.deliver(handle, "first"));
    at(ms(4), () => node.deliver(handle, "second"));
    at(ms(4), () => node.deliver(handle, "third"));
    at(ms(6), () => node.deliver(handle, "after"));
    engine.run({ until: ms(7) });
    expect(log).toEqual([
      [ms(2), "before"],
      [ms(5), "first"],
      [ms(5), "second"],
      [ms(5), "third"],
      [ms(6), "after"],
    ]);
  });

  test("work that arrives during a pause starts at its end", () => {
    const { engine, answers, send } = harness({ gc, concurrency: 2 });
    send(ms(3.5), "w");
    engine.run({ until: ms(14) });
    // starts at 5 ms, needs 5 ms of running time; frozen again during [8, 10): done at 12 ms
    expect(answers).toEqual([[ms(12), Outcome.OK, "w"]]);
  });

  test("a GC storm replaces the schedule and its end restores it", () => {
    const { engine, node, at } = harness({ gc: { interval: constant(ms(100)), pause: constant(ms(1)) } });
    const storm = { interval: constant(ms(10)), pause: constant(ms(5)) };
    at(ms(20), () => node.startGcStorm(storm));
    at(ms(62), () => node.endGcStorm(storm));
    engine.run({ until: ms(150) });
    // storm pauses begin at 30, 45, 60 (ends 65); then the base interval again: 165 > 150.
    expect(node.gc.stats).toEqual({ pauses: 3, pausedTime: ms(15) });
  });
});

describe("ServerNode crash and recovery", () => {
  test("a crash drops work in service and in the queue: no answer, ever", () => {
    const { engine, node, answers, send, at } = harness();
    send(0, "in-service");
    send(0, "queued");
    at(ms(2), () => node.crash());
    engine.run({ until: ms(100) });
    expect(answers).toEqual([]);
    expect(node.up).toBe(false);
    expect(node.inFlight).toBe(0);
    // A down node offers no capacity: 2 ms of it, then none; the queued work waited until the crash.
    expect(node.stats).toEqual({ served: 0, shed: 0, busyTime: ms(2), slotTime: ms(2), queueTime: ms(2), capacityTime: ms(2), started: 1, waited: 0 });
  });

  test("messages sent to a down node are lost; after recovery it serves again", () => {
    const { engine, node, answers, send, at } = harness();
    at(ms(1), () => node.crash());
    send(ms(2), "lost");
    at(ms(10), () => node.recover());
    send(ms(11), "served");
    engine.run();
    expect(answers).toEqual([[ms(16), Outcome.OK, "served"]]);
    expect(node.up).toBe(true);
  });

  test("two overlapping crashes: the node is up only when both are over", () => {
    const { engine, node, answers, send, at } = harness();
    at(ms(1), () => node.crash());
    at(ms(2), () => node.crash());
    at(ms(3), () => node.recover());
    send(ms(4), "lost");
    at(ms(5), () => node.recover());
    send(ms(6), "served");
    engine.run();
    expect(answers).toEqual([[ms(11), Outcome.OK, "served"]]);
  });

  test("a crash during a GC pause drops the waiting messages, and GC resumes only after recovery", () => {
    const { engine, node, at } = harness({ gc: { interval: constant(ms(3)), pause: constant(ms(2)) } });
    const log: Array<[number, string]> = [];
    at(ms(4), () => node.deliver((m: string) => log.push([engine.now, m]), "waiting"));
    at(ms(4.5), () => node.crash());
    at(ms(20), () => node.recover());
    engine.run({ until: ms(24) });
    expect(log).toEqual([]);
    expect(node.gc.paused).toBe(true); // the first pause after recovery: [23, 25) ms
    expect(node.gc.stats.pauses).toBe(2);
  });
});

describe("ServerNode faults", () => {
  test("disk degradation multiplies disk time; restoring it divides again", () => {
    const { engine, node, answers, send, at } = harness();
    at(0, () => node.degradeDisk(3));
    send(0, "slow"); // 1 + 3 × 4 = 13 ms
    at(ms(20), () => node.restoreDisk(3));
    send(ms(20), "normal");
    engine.run();
    expect(answers).toEqual([
      [ms(13), Outcome.OK, "slow"],
      [ms(25), Outcome.OK, "normal"],
    ]);
  });

  test("an errors fault of share 1 answers FAILED, share 0 OK, and its end restores OK", () => {
    const { engine, node, answers, send, at } = harness();
    at(0, () => node.startErrors(1));
    send(0, "during");
    at(ms(10), () => node.stopErrors(1));
    at(ms(10), () => node.startErrors(0));
    send(ms(10), "zero");
    engine.run();
    expect(answers).toEqual([
      [ms(5), Outcome.FAILED, "during"],
      [ms(15), Outcome.OK, "zero"],
    ]);
  });

  test("two independent error shares of 0.5 fail 1 − 0.5² = 75% of works (n = 4000, ±5σ)", () => {
    // σ = sqrt(0.75 · 0.25 / 4000) ≈ 0.0068, so the tolerance is ±0.034.
    const { engine, node, answers, send, at } = harness({ concurrency: 4000, queueLimit: 0 }, 42);
    at(0, () => {
      node.startErrors(0.5);
      node.startErrors(0.5);
    });
    for (let i = 0; i < 4000; i++) send(i, `w${i}`);
    engine.run();
    const failed = answers.filter(([, a]) => a === Outcome.FAILED).length / answers.length;
    expect(answers).toHaveLength(4000);
    expect(Math.abs(failed - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / 4000));
  });
});
