import { describe, expect, test } from "vitest";
import { OutageCause } from "../../../src/model/fleet/change-streams.js";
import { OutageLog } from "../../../src/model/fleet/outage-log.js";

describe("OutageLog", () => {
  test("keeps every outage through growth, with its largest lack and how it ended", () => {
    const log = new OutageLog();
    for (let i = 0; i < 1000; i++) {
      const at = log.open(i % 7, i * 10, 1, (i % 3) as OutageCause, (i % 3) as OutageCause);
      log.raise(at, 3);
      log.raise(at, 2); // never lowers
      log.close(at, i * 10 + 5, i === 999);
    }
    expect(log.size).toBe(1000);
    expect(log.get(0)).toEqual({ cluster: 0, start: 0, end: 5, maxLacking: 3, ongoing: false, cause: OutageCause.hardware, rangeCause: OutageCause.hardware });
    expect(log.get(999)).toEqual({ cluster: 999 % 7, start: 9990, end: 9995, maxLacking: 3, ongoing: true, cause: OutageCause.hardware, rangeCause: OutageCause.hardware });
    expect(log.duration(500)).toBe(5);
    expect(() => log.get(1000)).toThrow(RangeError);
  });

  test("byCluster: clusters ascending, each cluster's outages in the order they began", () => {
    const log = new OutageLog();
    for (const c of [2, 0, 2, 1, 0, 2]) log.open(c, 0, 1, OutageCause.hardware, OutageCause.hardware);
    expect(Array.from(log.byCluster(4))).toEqual([1, 4, 3, 0, 2, 5]);
  });
});
