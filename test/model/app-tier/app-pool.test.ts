import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { AppPool } from "../../../src/model/app-tier/app-pool.js";

/** A pool of `servers` servers with 2 slots each, queue 1 per server, constant 10 ms service; logs (time, id) of each done. */
function pool(servers: number) {
  const engine = new Engine();
  const log: Array<[number, string]> = [];
  const p = new AppPool<{ start: number; id: string }>(engine, 0, servers, 2, 1, () => 10_000, (item) => log.push([engine.now, item.id]));
  return { engine, log, p, item: (id: string) => ({ start: engine.now, id }) };
}

describe("AppPool", () => {
  test("serves concurrency × servers at once, queues servers × queueLimit, sheds the rest", () => {
    const { engine, log, p, item } = pool(1);
    const admitted = ["a", "b", "c", "d"].map((id) => p.admit(item(id)));
    expect(admitted).toEqual([true, true, true, false]);
    engine.run({ until: 100_000 });
    expect(log).toEqual([[10_000, "a"], [10_000, "b"], [20_000, "c"]]);
    expect({ admitted: p.admitted, shed: p.shed, waitTime: p.waitTime }).toEqual({ admitted: 3, shed: 1, waitTime: 10_000 });
    // 3 services of 10 ms over 100 ms of 2 slots; one of three starts waited.
    expect(p.stats).toMatchObject({ slotTime: 30_000, capacityTime: 200_000, started: 3, waited: 1 });
  });

  test("a server added starts queued work at once; one removed lets work in service finish", () => {
    const { engine, log, p, item } = pool(1);
    for (const id of ["a", "b", "c"]) p.admit(item(id));
    engine.schedule(4_000, () => p.addServers(1));
    engine.schedule(5_000, () => p.removeServers(2));
    engine.run({ until: 50_000 });
    expect(log).toEqual([[10_000, "a"], [10_000, "b"], [14_000, "c"]]);
    expect(p.servers).toBe(0);
    // With no server left, a request is shed (no queue either).
    expect(p.admit(item("d"))).toBe(false);
  });
});
