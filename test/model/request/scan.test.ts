import { describe, expect, test } from "vitest";
import { ScanRead } from "../../../src/model/request/scan-read.js";
import { simulate } from "../../../src/experiment/simulate.js";
import { constant, tinySimulation } from "../tiny-world.js";

describe("ScanRead", () => {
  test("splits the rows left evenly among the cursors granted, the asking cursor first", () => {
    const scan = new ScanRead(1000, 0);
    expect(scan.split(3, 10)).toEqual([4, 3, 3]);
    expect([scan.cursors, scan.active]).toEqual([3, 3]);
  });

  test("never more cursors than rows left, never fewer than one", () => {
    expect(new ScanRead(10, 0).split(8, 2)).toEqual([1, 1]);
    expect(new ScanRead(10, 0).split(0, 5)).toEqual([5]);
  });
});

describe("scans in a world", () => {
  // Every request is a scan of 20,000 rows of 1 KiB in 64 KiB pages (one storage round trip
  // each); a scan asks for 8 cursors; nodes have 8 slots.
  const run = (rate: number) => {
    const base = tinySimulation({ duration: 10_000_000, rate });
    const ns = base.world.workload.namespaces[0];
    return simulate(
      {
        ...base,
        world: {
          ...base.world,
          workload: { ...base.world.workload, namespaces: [{ ...ns, mix: { GET: 0, PUT: 0, SCAN: 1 }, valueSize: constant(1024) }] },
          client: {
            ...base.world.client,
            paging: { rows: constant(1), by: "size", pageSize: 65_536, pageRows: 100, fetchSize: 65_536 },
            scan: { rows: constant(20_000), cursors: 8 },
          },
        },
      },
      3,
    ).outcome.payloads;
  };
  const light = run(2);
  const heavy = run(60);

  test("a lightly loaded server grants (nearly) every cursor asked for", () => {
    expect(light.scans.meanCursors).toBeGreaterThan(7);
    expect(light.scans.completed).toBeGreaterThan(0);
    expect(light.scans.failed).toBe(0);
  });

  test("a loaded server grants fewer", () => {
    expect(heavy.scans.meanCursors).toBeLessThan(light.scans.meanCursors - 1);
  });

  test("a completed scan read all its rows: rows read lie between completed and started × 20,000", () => {
    for (const p of [light, heavy]) {
      expect(p.scans.completed + p.scans.failed).toBeLessThanOrEqual(p.scans.started);
      const rows = p.pages.meanRows * p.pages.count;
      expect(rows).toBeGreaterThanOrEqual(p.scans.completed * 20_000 * 0.9999);
      expect(rows).toBeLessThanOrEqual(p.scans.started * 20_000 * 1.0001);
    }
  });
});
