import { describe, expect, test } from "vitest";
import { PageRead } from "../../../src/model/api/page-read.js";

const KiB = 1024;
const MiB = 1024 * KiB;
const trip = (us: number) => () => us;
const NONE = Number.POSITIVE_INFINITY;

describe("PageRead", () => {
  test("a size-bounded page holds as many rows as fit its size, read in round trips of the fetch size", () => {
    // 1 KiB rows, 64 KiB fetches: 64 rows per round trip; a 1 MiB page holds 1024 rows.
    const page = new PageRead(KiB, 5000, NONE, MiB, 64 * KiB, NONE);
    expect(page.serve(trip(1000))).toBe(16 * 1000);
    expect([page.rows, page.bytes, page.cutShort]).toEqual([1024, MiB, false]);
  });

  test("a wide row is read whole, one per round trip; a page holds at least one", () => {
    const page = new PageRead(256 * KiB, 100, NONE, MiB, 64 * KiB, NONE);
    expect(page.serve(trip(1000))).toBe(4 * 1000);
    expect(page.rows).toBe(4);
    const huge = new PageRead(4 * MiB, 100, NONE, MiB, 64 * KiB, NONE);
    huge.serve(trip(1000));
    expect([huge.rows, huge.bytes]).toEqual([1, 4 * MiB]);
  });

  test("a row-count page reads its rows however wide they are", () => {
    const page = new PageRead(256 * KiB, 1000, 100, NONE, 64 * KiB, NONE);
    expect(page.serve(trip(1000))).toBe(100 * 1000);
    expect([page.rows, page.bytes]).toEqual([100, 100 * 256 * KiB]);
  });

  test("the last page holds the rows left", () => {
    const page = new PageRead(KiB, 10, 100, NONE, 64 * KiB, NONE);
    expect(page.serve(trip(1000))).toBe(1000);
    expect([page.rows, page.cutShort]).toEqual([10, false]);
  });

  test("the deadline cuts a page short after the round trip that reaches it", () => {
    // 256 KiB rows, 1 MiB page: 4 round trips wanted; 11 ms each against a 20 ms deadline: 2.
    const page = new PageRead(256 * KiB, 100, NONE, MiB, 64 * KiB, 20_000);
    expect(page.serve(trip(11_000))).toBe(22_000);
    expect([page.rows, page.bytes, page.cutShort]).toEqual([2, 512 * KiB, true]);
  });

  test("served by several replicas, the page holds the fewest rows any of them read", () => {
    const page = new PageRead(256 * KiB, 100, NONE, MiB, 64 * KiB, 20_000);
    page.serve(trip(1000));
    expect(page.rows).toBe(4);
    page.serve(trip(15_000));
    expect([page.rows, page.cutShort]).toEqual([2, true]);
    page.serve(trip(1000));
    expect(page.rows).toBe(2);
  });

  test("rejects a page with nothing to read", () => {
    expect(() => new PageRead(KiB, 0, 10, MiB, KiB, NONE)).toThrow(RangeError);
  });
});
