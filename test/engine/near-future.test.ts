import fc from "fast-check";
import { expect, test } from "vitest";
import { NearFuture } from "../../src/engine/near-future.js";

type Op = { kind: "push"; time: number; order: number } | { kind: "pop" } | { kind: "reserve"; count: number } | { kind: "drain" };

/** Runs `ops` on a NearFuture and on a sorted array; every pop must take the same entry. */
function agree(ops: readonly Op[]): { spilled: boolean } {
  const near = new NearFuture();
  let reference: Array<[number, number, number]> = [];
  let slot = 0;
  let spilled = false;
  for (const op of ops) {
    if (op.kind === "push") {
      // Orders are unique, as the engine's sequence numbers make them.
      const order = op.order * 1e6 + slot;
      near.push(op.time, order, slot);
      reference.push([op.time, order, slot++]);
      reference.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    } else if (op.kind === "pop") {
      if (reference.length === 0) continue;
      expect(near.peekTime()).toBe(reference[0][0]);
      const [time, order, expected] = reference.shift()!;
      expect(near.pop()).toBe(expected);
      expect([near.poppedTime, near.poppedOrder]).toEqual([time, order]);
    } else if (op.kind === "reserve") {
      if (reference.length === 0) near.reserveFront(op.count);
    } else {
      const seen: number[] = [];
      near.drain((_t, _o, s) => seen.push(s));
      expect(seen.sort((a, b) => a - b)).toEqual(reference.map((e) => e[2]).sort((a, b) => a - b));
      reference = [];
    }
    spilled ||= near.spilled;
    expect(near.size).toBe(reference.length);
  }
  return { spilled };
}

const op: fc.Arbitrary<Op> = fc.oneof(
  // Few distinct times and priorities: ties decided by order, pushes at the front, the back and between.
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("push" as const), time: fc.integer({ min: 0, max: 20 }), order: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 4, arbitrary: fc.constant({ kind: "pop" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reserve" as const), count: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "drain" as const }) },
);

test("the near future pops in exactly the order of a sorted array, in the run, in the heap it spills into, and across both", () => {
  fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => void agree(ops)), { seed: 20261205, numRuns: 300 });
});

test("a burst pushed into the middle of the run spills into the heap instead of moving the run on every push", () => {
  // Times in random order (a fixed LCG): nearly every push would land inside a sorted run.
  let x = 7;
  const ops: Op[] = [];
  for (let i = 0; i < 5000; i++) ops.push({ kind: "push", time: (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) % 1000, order: 0 });
  for (let i = 0; i < 5000; i++) ops.push({ kind: "pop" });
  expect(agree(ops).spilled).toBe(true);
});

test("a bucket poured newest first lands before the front, and an M/M/1-like queue that never empties keeps working past its array's end", () => {
  const near = new NearFuture();
  near.reserveFront(10);
  for (let i = 9; i >= 0; i--) near.push(100, i, i); // the same instant, newest first
  for (let i = 0; i < 10; i++) expect(near.pop()).toBe(i);
  expect(near.spilled).toBe(false);
  // One or two pending for 10,000 steps: the run's front and back march up the array and slide back.
  let now = 0;
  near.push(now, 0, 0);
  for (let i = 1; i <= 10_000; i++) {
    near.push(now + 2, i, i);
    expect(near.pop()).toBe(i - 1);
    now = near.poppedTime;
  }
  expect(near.size).toBe(1);
  expect(near.spilled).toBe(false);
});
