import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import { PageRead } from "../../../src/model/request/page-read.js";
import { constant, tinySimulation } from "../tiny-world.js";

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

describe("GetItems in a world", () => {
  // Every request is a GET of an item of 40 rows of 100 kB, in 1 MiB pages (10 rows) against a
  // 5 ms deadline: with 0.4 ms round trips a page is never cut, but one node's disk is 20× slower
  // for 5 s and its pages are. 0.005% packet loss: a 1 MB page (691 packets) loses one on a hop
  // with chance 3.4%, and a lost packet (200 ms) outlasts the 100 ms timeout: a few pages fail.
  const base = tinySimulation({ duration: 20_000_000, rate: 50 });
  const ns = base.world.workload.namespaces[0];
  const world = base.world;
  const outcome = simulate(
    {
      ...base,
      world: {
        ...world,
        cluster: { ...world.cluster, network: { ...world.cluster.network, packets: { size: 1448, loss: 0.00005, retransmitTimeout: 200_000 } } },
        workload: { ...world.workload, namespaces: [{ ...ns, mix: { GET: 1, PUT: 0, SCAN: 0 }, valueSize: constant(100_000) }] },
        client: { ...world.client, paging: { rows: constant(40), by: "size", pageSize: 1_048_576, pageRows: 100, fetchSize: 65_536, deadline: 5_000 } },
        faults: { timeline: [{ kind: "diskDegradation", at: 5_000_000, for: 5_000_000, target: { node: "a/0" }, factor: 20 }] },
      },
    },
    2,
  ).outcome;
  const pages = outcome.payloads.pages;

  test("every page is one request with one outcome: pages answered = requests OK; each failed page ends its item", () => {
    expect(pages.count).toBe(outcome.requests.ok);
    expect(outcome.requests.total - outcome.requests.ok).toBe(pages.itemsFailed);
    expect(pages.itemsFailed).toBeGreaterThan(0);
  });

  test("pages never exceed their size; the slow disk's pages are cut short by the deadline", () => {
    expect(pages.maxBytes).toBe(1_000_000);
    expect(pages.cutShort).toBeGreaterThan(0);
    // An item read to the end took at least 4 pages (10 rows each), more when pages were cut.
    expect(pages.perItem).toBeGreaterThanOrEqual(4);
  });
});
