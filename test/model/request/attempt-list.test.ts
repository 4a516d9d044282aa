import { expect, test } from "vitest";
import { AttemptList } from "../../../src/model/request/attempt-list.js";
import { Request } from "../../../src/model/request/request.js";
import { OpCode } from "../../../src/model/request/codes.js";

const attempt = (id: number) => new Request(id, OpCode.GET, 0, 0, 0, 0, 0, 0, 0, null);

/** The ids in the list, oldest first, read by taking the oldest out until it is empty. */
function drain(list: AttemptList): number[] {
  const out: number[] = [];
  while (list.length > 0) {
    const a = list.oldest!;
    out.push(a.id);
    expect(list.remove(a)).toBe(true);
  }
  return out;
}

test("keeps attempts in the order they were added, whatever is removed", () => {
  const a = [1, 2, 3, 4].map(attempt);
  const list = new AttemptList();
  expect(list.length).toBe(0);
  expect(list.oldest).toBeUndefined();
  for (const x of a) list.add(x);
  expect(list.length).toBe(4);
  expect(list.remove(a[2])).toBe(true); // from the middle
  expect(list.remove(a[0])).toBe(true); // the oldest: the next takes its place
  expect(list.oldest).toBe(a[1]);
  expect(list.remove(a[0])).toBe(false); // already gone
  list.add(attempt(5));
  expect(drain(list)).toEqual([2, 4, 5]);
  expect(list.length).toBe(0);
});

test("one attempt at a time: add and remove leave it empty", () => {
  const list = new AttemptList();
  for (let i = 0; i < 3; i++) {
    const x = attempt(i);
    list.add(x);
    expect(list.length).toBe(1);
    expect(list.oldest).toBe(x);
    expect(list.remove(x)).toBe(true);
    expect(list.length).toBe(0);
  }
  expect(list.remove(attempt(9))).toBe(false);
});
