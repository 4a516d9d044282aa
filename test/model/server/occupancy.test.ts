import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { ms } from "../../../src/engine/time.js";
import { Occupancy } from "../../../src/model/server/occupancy.js";
import { ReplicaWork } from "../../../src/model/request/replica-work.js";
import { OpCode } from "../../../src/model/request/codes.js";
import { ServerNode } from "../../../src/model/server/server-node.js";
import { nodeConfig } from "../tiny-world.js";

describe("Occupancy", () => {
  test("each stretch counts with the counts that held during it", () => {
    const o = new Occupancy();
    o.account(ms(2), 1, 0, 4); // [0, 2): 1 in service, none queued, 4 slots
    o.account(ms(3), 4, 2, 4); // [2, 3): full, 2 waiting
    expect(o.totals(ms(5), 0, 0, 2)).toEqual({ slotTime: ms(2 + 4), queueTime: ms(2), capacityTime: ms(8 + 4 + 4), started: 0, waited: 0 });
  });
});

/** A one-slot node "a/0" whose GET takes 5 ms (1 ms CPU + 4 ms disk). */
function node(concurrency = 1) {
  const engine = new Engine();
  const n = new ServerNode(engine, { index: 0, id: "a/0", zone: 0, region: 0 }, nodeConfig({ concurrency }), new RandomStreams(1), { sendAnswer: () => {} });
  const send = (at: number) => {
    const round = { op: OpCode.GET, bytes: 0, coordinator: 0, request: { page: undefined }, answered: () => {} };
    engine.scheduleAt(at, () => n.deliver(n.receiveWork, new ReplicaWork(round, 0)));
  };
  return { engine, node: n, send };
}

describe("ServerNode occupancy", () => {
  test("three works at once on one slot: queue 2 for 5 ms, then 1 for 5 ms; two of three waited", () => {
    const { engine, node: n, send } = node();
    for (let i = 0; i < 3; i++) send(0);
    engine.run({ until: ms(20) });
    expect(n.stats).toMatchObject({ slotTime: ms(15), queueTime: ms(2 * 5 + 1 * 5), capacityTime: ms(20), started: 3, waited: 2 });
  });

  test("capacity-time follows the slots offered: added, removed, and none while down", () => {
    const { engine, node: n } = node(2);
    engine.scheduleAt(ms(10), () => n.addSlots(2, 0)); // 2 slots for 10 ms
    engine.scheduleAt(ms(20), () => n.removeSlots(3)); // 4 slots for 10 ms
    engine.scheduleAt(ms(30), () => n.crash()); // 1 slot for 10 ms
    engine.scheduleAt(ms(40), () => n.recover()); // down for 10 ms
    engine.run({ until: ms(50) }); // 1 slot for 10 ms
    expect(n.stats.capacityTime).toBe(ms(2 * 10 + 4 * 10 + 1 * 10 + 0 + 1 * 10));
  });

  test("queued work that autoscaling lets start counts as having waited", () => {
    const { engine, node: n, send } = node();
    send(0);
    send(0);
    engine.scheduleAt(ms(2), () => n.addSlots(1, 0));
    engine.run({ until: ms(20) });
    expect(n.stats).toMatchObject({ queueTime: ms(2), started: 2, waited: 1, slotTime: ms(5 + 5) });
  });
});
