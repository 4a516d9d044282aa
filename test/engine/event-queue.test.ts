import { expect, test } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";

/** A deliberately naive reference: a sorted array. */
class SortedReference {
  items: Array<[number, number, number]> = [];
  push(time: number, order: number, slot: number) {
    this.items.push([time, order, slot]);
    this.items.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  pop() {
    return this.items.shift()![2];
  }
}

function lcg(seed: number) {
  let x = seed;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0), x / 4294967296);
}

test.each([
  ["exponential gaps", (u: number) => Math.floor(-Math.log(1 - u) * 1000)],
  ["many ties", (u: number) => Math.floor(u * 4) * 100],
  ["near events and far timers", (u: number) => (u < 0.05 ? Math.floor(u * 1e12) : Math.floor(u * 50))],
  ["everything at once", () => 0],
])("the calendar queue pops in exactly the order of a sorted reference: %s", (_name, delay) => {
  const rand = lcg(12345);
  const queue = new EventQueue();
  const reference = new SortedReference();
  const free: number[] = [];
  let nextSlot = 0;
  let seq = 0;
  let now = 0;
  const pending = new Set<number>();
  for (let step = 0; step < 20_000; step++) {
    const u = rand();
    if (u < 0.58 || pending.size === 0) {
      const slot = free.pop() ?? nextSlot++;
      const time = now + delay(rand());
      const order = (u < 0.1 ? 64 : 128) * 2 ** 44 + seq++;
      queue.push(time, order, slot);
      reference.push(time, order, slot);
      pending.add(slot);
    } else if (u < 0.62) {
      // Cancel one: out in O(1) from the calendar; one in the heap stays (the engine's tombstone).
      const slot = [...pending][Math.floor(rand() * pending.size)];
      if (queue.remove(slot)) {
        reference.items = reference.items.filter(([, , s]) => s !== slot);
        pending.delete(slot);
        free.push(slot);
      }
    } else if (u < 0.995) {
      const expectedTime = reference.items[0][0];
      expect(queue.peekTime()).toBe(expectedTime);
      const slot = queue.pop();
      expect(slot).toBe(reference.pop());
      pending.delete(slot);
      free.push(slot);
      now = expectedTime;
    } else {
      // Drop a third of the pending entries, as the engine does when compacting tombstones.
      const drop = new Set([...pending].filter((s) => s % 3 === 0));
      queue.filter((s) => !drop.has(s));
      reference.items = reference.items.filter(([, , s]) => !drop.has(s));
      for (const s of drop) {
        pending.delete(s);
        free.push(s);
      }
    }
    expect(queue.size).toBe(reference.items.length);
  }
});

test("a calendar laid out too wide for a dense burst retunes itself and keeps order", () => {
  // A sparse trickle sets a wide bucket width; then 100k events arrive within 0.1 s and all land in
  // one bucket. After 8192 pops the queue must notice the deep heap and lay itself out again.
  const rand = lcg(99);
  const queue = new EventQueue();
  const expected: Array<[number, number]> = [];
  let seq = 0;
  const add = (time: number) => {
    queue.push(time, 128 * 2 ** 44 + seq, seq);
    expected.push([time, seq++]);
  };
  for (let i = 0; i < 200; i++) add(i * 10_000);
  for (let i = 0; i < 100_000; i++) add(1e9 + Math.floor(rand() * 1e5));
  expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 0; i < expected.length; i++) {
    const time = queue.peekTime();
    const slot = queue.pop();
    if (time !== expected[i][0] || slot !== expected[i][1]) {
      throw new Error(`pop ${i}: got (${time}, ${slot}), expected (${expected[i].join(", ")})`);
    }
  }
  expect(queue.size).toBe(0);
});

test("the queue is a plain heap while few events are pending, a calendar when many are, and back", () => {
  const rand = lcg(777);
  const queue = new EventQueue();
  const reference = new SortedReference();
  let seq = 0;
  let now = 0;
  let nextSlot = 0;
  const free: number[] = [];
  const push = () => {
    const slot = free.pop() ?? nextSlot++;
    const time = now + Math.floor(-Math.log(1 - rand()) * 1000);
    queue.push(time, 128 * 2 ** 44 + seq++, slot);
    reference.push(time, 128 * 2 ** 44 + seq - 1, slot);
  };
  const pop = () => {
    const expected = reference.items[0][0];
    const slot = queue.pop();
    expect(slot).toBe(reference.pop());
    expect(queue.poppedTime).toBe(expected);
    now = expected;
    free.push(slot);
  };
  for (let i = 0; i < 40; i++) push();
  expect(queue.isPlainHeap).toBe(true);
  for (let i = 0; i < 2000; i++) push();
  expect(queue.isPlainHeap).toBe(false); // past 64 pending
  while (reference.items.length > 10) pop();
  // A hold model with 10 pending: the next relayout (at most 8,192 pops away) makes it a heap.
  for (let i = 0; i < 20_000; i++) {
    push();
    pop();
  }
  expect(queue.isPlainHeap).toBe(true);
  while (reference.items.length > 0) pop();
  expect(queue.size).toBe(0);
});

test("a burst scheduled before any pop is laid out as a whole: buckets sized for all of it, in order, removable before the first pop", () => {
  // 1,000 timers up front (the hold model's start; a fleet's first failures): laid out when the
  // 65th arrived, the calendar's width suited 65 and its first bucket held about 300.
  const rand = lcg(2026);
  const queue = new EventQueue();
  const reference = new SortedReference();
  for (let slot = 0; slot < 1000; slot++) {
    const time = Math.floor(-Math.log(1 - rand()) * 1e6);
    queue.push(time, 128 * 2 ** 44 + slot, slot);
    reference.push(time, 128 * 2 ** 44 + slot, slot);
  }
  expect(queue.isPlainHeap).toBe(false);
  for (let slot = 0; slot < 1000; slot += 7) {
    expect(queue.remove(slot)).toBe(true); // waiting for the layout, each is still removable in O(1)
    reference.items = reference.items.filter(([, , s]) => s !== slot);
  }
  expect(queue.peekTime()).toBe(reference.items[0][0]);
  expect(queue.nearSize).toBeLessThanOrEqual(4 * 16); // a bucket's target is 16 events
  while (reference.items.length > 0) expect(queue.pop()).toBe(reference.pop());
  expect(queue.size).toBe(0);
});
