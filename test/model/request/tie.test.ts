import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { ms } from "../../../src/engine/time.js";
import { ReplicaWork, type ReplicaRound } from "../../../src/model/request/replica-work.js";
import { OpCode } from "../../../src/model/request/codes.js";
import type { Request } from "../../../src/model/request/request.js";
import { Tie } from "../../../src/model/request/tie.js";
import { ServerNode, type AnswerRoute } from "../../../src/model/server/server-node.js";
import { nodeConfig } from "../tiny-world.js";

/** Two one-slot nodes whose GET takes 5 ms; tied copies named by their request. */
function harness(cancelDelay: number) {
  const engine = new Engine();
  const served: Array<[number, string]> = [];
  const cancelled: string[] = [];
  const duplicated: string[] = [];
  const route: AnswerRoute = { sendAnswer: (from, work) => served.push([engine.now, `${(work.round.request as unknown as { name: string }).name}@${from.place.id}`]) };
  const streams = new RandomStreams(1);
  const nodes = [0, 1].map((i) => new ServerNode(engine, { index: i, id: `n${i}`, zone: i, region: 0 }, nodeConfig(), streams, route));
  const host = {
    tiedCancelled: (a: Request) => cancelled.push((a as unknown as { name: string }).name),
    tiedDuplicated: (a: Request) => duplicated.push((a as unknown as { name: string }).name),
  };
  /** Sends copies of request `name` to the nodes listed, arriving at the times given (µs). */
  const send = (name: string, arrivals: ReadonlyArray<[node: number, at: number]>, tied = true) => {
    const tie = tied ? new Tie(engine, cancelDelay, host) : undefined;
    for (const [n, at] of arrivals) {
      const request = { name, page: undefined, tie } as unknown as Request;
      const round: ReplicaRound = { request, op: OpCode.GET, bytes: 0, coordinator: n, incarnation: 0, answered: () => {} };
      engine.scheduleAt(at, () => nodes[n].deliver(nodes[n].receiveWork, new ReplicaWork(round, n)));
    }
  };
  return { engine, nodes, served, cancelled, duplicated, send };
}

describe("tied requests", () => {
  test("both servers idle, no cancel delay: the first copy to start is served, the other dropped on arrival", () => {
    const h = harness(0);
    h.send("r", [[0, 0], [1, 10]]);
    h.engine.run({ until: ms(100) });
    expect(h.served).toEqual([[ms(5), "r@n0"]]);
    expect([h.cancelled, h.duplicated]).toEqual([["r"], []]);
  });

  test("both servers idle, a cancel delay longer than the gap: both copies start, one is duplicated work", () => {
    const h = harness(ms(1));
    h.send("r", [[0, 0], [1, 10]]);
    h.engine.run({ until: ms(100) });
    expect(h.served).toEqual([[ms(5), "r@n0"], [ms(5) + 10, "r@n1"]]);
    expect([h.cancelled, h.duplicated]).toEqual([[], ["r"]]);
  });

  test("a copy that arrives after the cancel is dropped; one queued when it lands is taken off the queue", () => {
    const h = harness(ms(1));
    h.send("late", [[0, 0], [1, ms(2)]]); // starts on n0 at 0; the cancel reaches n1 at 1 ms, before the copy
    h.send("busy", [[1, 50]], false); // n1 busy until 5.05 ms, then with "busy2" until 10.05 ms
    h.send("busy2", [[1, 60]], false);
    h.send("queued", [[0, 100], [1, 200]]); // starts on n0 at 5 ms; its cancel reaches n1 at 6 ms, while the copy there is queued
    h.engine.run({ until: ms(100) });
    expect(h.cancelled).toEqual(["late", "queued"]);
    expect(h.duplicated).toEqual([]);
    expect(h.served).toEqual([[ms(5), "late@n0"], [ms(5) + 50, "busy@n1"], [ms(10), "queued@n0"], [ms(10) + 50, "busy2@n1"]]);
    expect(h.nodes[1].stats.queueTime).toBe(4990 + 5800); // busy2 waited 4.99 ms, the queued copy 5.8 ms
    expect(h.nodes[0].stats.served + h.nodes[1].stats.served).toBe(4);
    expect([h.nodes[0].inFlight, h.nodes[1].inFlight]).toEqual([0, 0]);
  });
});
