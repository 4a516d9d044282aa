import { describe, expect, test } from "vitest";
import { ms, seconds } from "../../../src/engine/time.js";
import { OutlierEjector, type OutlierEjectorConfig } from "../../../src/model/operations/ejection.js";

const base: OutlierEjectorConfig = { window: seconds(10), latencyFactor: 3, errorRate: 0.5, minSamples: 5, maxEjectedShare: 0.5 };

/** Records `n` samples from `node`, 100 ms apart from `start`, of `latency` µs, the first `errors` failed. */
function feed(ej: OutlierEjector, node: number, n: number, latency: number, errors = 0, start = 0): void {
  for (let i = 0; i < n; i++) ej.record(node, start + ms(100 * i), latency, i >= errors);
}

const nodes = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("OutlierEjector", () => {
  test("ejects a node whose mean latency exceeds latencyFactor × the median node's", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(4)) feed(ej, n, 10, ms(1));
    feed(ej, 4, 10, ms(4));
    expect(ej.evaluate(seconds(1), nodes(5))).toEqual([4]);
  });

  test("a node at exactly latencyFactor × the median is kept", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(4)) feed(ej, n, 10, ms(1));
    feed(ej, 4, 10, ms(3));
    expect(ej.evaluate(seconds(1), nodes(5))).toEqual([]);
  });

  test("the median of an even count is the mean of the two middle nodes", () => {
    const ej = new OutlierEjector({ ...base, latencyFactor: 1.5 });
    feed(ej, 0, 10, ms(1));
    feed(ej, 1, 10, ms(10)); // median 5.5 ms, limit 8.25 ms
    expect(ej.evaluate(seconds(1), [0, 1])).toEqual([1]);
    const lenient = new OutlierEjector({ ...base, latencyFactor: 2 });
    feed(lenient, 0, 10, ms(1));
    feed(lenient, 1, 10, ms(10)); // limit 11 ms
    expect(lenient.evaluate(seconds(1), [0, 1])).toEqual([]);
  });

  test("ejects a node whose error share exceeds errorRate, not one at it", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(4)) feed(ej, n, 10, ms(1), n === 1 ? 5 : n === 3 ? 6 : 0);
    expect(ej.evaluate(seconds(1), nodes(4))).toEqual([3]);
  });

  test("a node with fewer than minSamples is neither judged nor counted in the median", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(3)) feed(ej, n, 10, ms(1));
    feed(ej, 3, 4, ms(100), 4);
    expect(ej.evaluate(seconds(1), nodes(4))).toEqual([]);
    ej.record(3, seconds(1), ms(100), false);
    expect(ej.evaluate(seconds(1), nodes(4))).toEqual([3]);
  });

  test("only the last window counts: old slow samples age out, a 1 s slot at a time", () => {
    const ej = new OutlierEjector(base); // 10 s window in 10 slots of 1 s
    for (const n of nodes(4)) feed(ej, n, 10, ms(1), 0, seconds(5));
    feed(ej, 4, 10, ms(20)); // 0 to 0.9 s
    feed(ej, 4, 10, ms(1), 0, seconds(5));
    expect(ej.evaluate(seconds(9.999), nodes(5))).toEqual([4]); // mean 10.5 ms > 3 ms
    expect(ej.evaluate(seconds(10), nodes(5))).toEqual([]); // the slot of 0 to 1 s has left the window
  });

  test("never ejects more than maxEjectedShare of the nodes, worst first, ties by node index", () => {
    const ej = new OutlierEjector({ ...base, maxEjectedShare: 0.3 });
    for (const n of nodes(6)) feed(ej, n, 10, ms(1));
    for (const n of [6, 7, 8, 9]) feed(ej, n, 10, ms(10));
    expect(ej.evaluate(seconds(1), nodes(10))).toEqual([6, 7, 8]);
    expect(ej.evaluate(seconds(1), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])).toEqual([6, 7, 8]);
    feed(ej, 9, 10, ms(40), 0, seconds(1)); // mean 25 ms: the worst
    expect(ej.evaluate(seconds(2), nodes(10))).toEqual([9, 6, 7]);
  });

  test("nodes already out count against the share when totalNodes is given", () => {
    const ej = new OutlierEjector({ ...base, maxEjectedShare: 0.3 });
    for (const n of nodes(6)) feed(ej, n, 10, ms(1));
    for (const n of [6, 7]) feed(ej, n, 10, ms(10));
    expect(ej.evaluate(seconds(1), nodes(8), 10)).toEqual([6]); // 2 out already, 3 allowed
    expect(ej.evaluate(seconds(1), nodes(7), 10)).toEqual([]);
    expect(() => ej.evaluate(seconds(1), nodes(8), 7)).toThrow(RangeError);
  });

  test("forget drops a node's history", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(4)) feed(ej, n, 10, ms(1));
    feed(ej, 4, 10, ms(10), 10);
    expect(ej.evaluate(seconds(1), nodes(5))).toEqual([4]);
    ej.forget(4);
    expect(ej.evaluate(seconds(1), nodes(5))).toEqual([]);
  });

  test("rejects bad parameters and fractional µs", () => {
    expect(() => new OutlierEjector({ ...base, latencyFactor: 0.5 })).toThrow(RangeError);
    expect(() => new OutlierEjector({ ...base, errorRate: 1.5 })).toThrow(RangeError);
    expect(() => new OutlierEjector({ ...base, minSamples: 0 })).toThrow(RangeError);
    expect(() => new OutlierEjector({ ...base, window: 0 })).toThrow(RangeError);
    expect(() => new OutlierEjector(base).record(0, 1.5, ms(1), true)).toThrow(RangeError);
  });

  test("a late sample counts while its slot is in the window, and is dropped once the node's window has passed it", () => {
    const ej = new OutlierEjector(base);
    for (const n of nodes(3)) feed(ej, n, 10, ms(1), 0, seconds(20));
    feed(ej, 3, 5, ms(1), 0, seconds(25));
    ej.record(3, seconds(15), ms(100), false); // its slot's place in the ring holds 25 s: dropped
    expect(ej.evaluate(seconds(26), nodes(4))).toEqual([]);
    ej.record(3, seconds(22), ms(100), false); // within the window at 26 s: mean (5 + 100) / 6 ms
    expect(ej.evaluate(seconds(26), nodes(4))).toEqual([3]);
  });
});
