import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { ClosedLoops, closedLoopObserver, loopsOn } from "../../../src/model/workload/closed-loops.js";

/** Loops whose every request takes `service` µs, ended through the observer as a client would. */
function run(loops: number, operations: number, think: () => number, service: number) {
  const engine = new Engine();
  const log: Array<[number, number]> = [];
  const seen: number[] = [];
  const next = { onRequestDone: () => seen.push(engine.now) };
  let observer = next;
  const closed = new ClosedLoops(engine, loops, operations, think, (loop: number) => {
    log.push([engine.now, loop]);
    engine.schedule(service, () => observer.onRequestDone({ op: 0, namespace: 0, outcome: 0, client: 0, range: 0, loop } as never, service));
  });
  observer = closedLoopObserver(closed, next);
  closed.start();
  engine.run({ until: 1e9 });
  return { closed, log, seen };
}

describe("ClosedLoops", () => {
  test("each loop thinks, issues, waits for the end, n times; then it is done", () => {
    const { closed, log, seen } = run(2, 3, () => 10, 5);
    expect(log).toEqual([
      [10, 0], [10, 1],
      [25, 0], [25, 1],
      [40, 0], [40, 1],
    ]);
    expect(seen).toHaveLength(6); // every request passed on to the metrics
    expect([closed.ended, closed.finished, closed.lastFinish]).toEqual([6, 2, 45]);
  });

  test("think draws are rounded to whole µs and never negative", () => {
    const draws = [-3, 2.6];
    const { log } = run(1, 2, () => draws.shift()!, 1);
    expect(log).toEqual([[0, 0], [4, 0]]);
  });

  test("a request of no loop (an open-loop arrival) passes through without moving a loop", () => {
    const engine = new Engine();
    const closed = new ClosedLoops(engine, 1, 1, () => 0, () => {});
    const seen: number[] = [];
    closedLoopObserver(closed, { onRequestDone: (_r, latency) => seen.push(latency) }).onRequestDone({ op: 0, namespace: 0, outcome: 0, client: 0, range: 0 }, 7);
    expect([seen, closed.ended]).toEqual([[7], 0]);
  });

  test("loops are spread over instances in turn; none, or no operations, is a RangeError", () => {
    expect([0, 1, 2].map((i) => loopsOn(i, 3, 7))).toEqual([3, 2, 2]);
    expect([0, 1, 2].map((i) => loopsOn(i, 3, 2))).toEqual([1, 1, 0]);
    expect(() => new ClosedLoops(new Engine(), 0, 1, () => 0, () => {})).toThrow(RangeError);
    expect(() => new ClosedLoops(new Engine(), 1, 0, () => 0, () => {})).toThrow(RangeError);
  });
});
