import { describe, expect, test } from "vitest";
import { impairedNodes, serverSample, type ServerSample } from "../../src/metrics/server-watch.js";

/** A sample of `nodes` nodes, each sent `received` requests and shedding `shed[n]` of them. */
function sample(received: number, shed: readonly number[], impaired: readonly number[] = []): ServerSample {
  const s = serverSample(shed.length);
  s.received.fill(received);
  shed.forEach((x, n) => (s.shed[n] = x));
  for (const n of impaired) s.impaired[n] = 1;
  return s;
}

const judged = (s: ServerSample, rules = { shedAllowance: 0.01, need: 100 }) => {
  const into = new Uint8Array(s.shed.length);
  impairedNodes(s, rules, into);
  return [...into].flatMap((hit, n) => (hit ? [n] : []));
};

describe("impairedNodes", () => {
  test("concentrated shedding: 3 nodes at 13 %, 9 at 1.5 %, allowance 1 % → only the 3", () => {
    // 1.5 % is above the allowance but below half the worst node's 13 % (6.5 %).
    const s = sample(1000, [130, 130, 130, 15, 15, 15, 15, 15, 15, 15, 15, 15]);
    expect(judged(s)).toEqual([0, 1, 2]);
  });

  test("uniform shedding: every node at 5 % → all of them", () => {
    expect(judged(sample(1000, new Array(12).fill(50)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test("at or under the allowance is not shedding", () => {
    expect(judged(sample(1000, [10, 10, 0]))).toEqual([]); // exactly 1 %
    expect(judged(sample(1000, [11, 10, 0]))).toEqual([0]); // 1.1 %
  });

  test("a node sent fewer than `need` requests is not judged, nor counted as the worst", () => {
    const s = sample(1000, [0, 50]);
    s.received[0] = 99; // node 0: 99 of 99 shed, too few to judge
    s.shed[0] = 99;
    // Were node 0 counted (100 %), node 1's 5 % would be under half of it.
    expect(judged(s)).toEqual([1]);
    expect(judged(sample(99, [99, 99]))).toEqual([]);
  });

  test("the impaired flag always counts, shedding or not, with or without traffic", () => {
    const s = sample(1000, [0, 130, 0, 0], [0, 3]);
    s.received[3] = 0;
    expect(judged(s)).toEqual([0, 1, 3]);
  });

  test("`into` is only set, never cleared", () => {
    const into = Uint8Array.from([1, 0]);
    impairedNodes(sample(1000, [0, 0]), { shedAllowance: 0.01, need: 100 }, into);
    expect([...into]).toEqual([1, 0]);
  });
});
