import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import type { FaultEvent, NamespaceConfig } from "../../../src/model/config.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { World } from "../../../src/model/world.js";
import { tinySimulation } from "../tiny-world.js";

// Four regions of 3 zones × 1 node, RF 3 each, LOCAL_QUORUM; one client per zone. Namespace
// "sharded" lives in r1 and r2 only (2 copies of 4 regions); "everywhere" in all four. Network:
// 100 µs in a zone, 1 ms across zones, 30 ms across regions; requests time out after 100 ms; peers
// and clients learn of a crash after 2 s.
const REGIONS = ["r1", "r2", "r3", "r4"].map((name) => ({ name, zones: [`${name}a`, `${name}b`, `${name}c`], nodesPerZone: 1, replicationFactor: 3 }));

function run(namespaces: NamespaceConfig[], timeline: FaultEvent[] = [], evacuateAfter?: number) {
  const evacuation = evacuateAfter === undefined ? {} : { evacuation: { after: evacuateAfter } };
  const base = tinySimulation({ duration: seconds(30), rate: 800, timeline, cluster: { regions: REGIONS, ...evacuation } }).world;
  const config = { ...base, workload: { ...base.workload, namespaces } };
  /** Per namespace, client region and phase (0: before 10 s, 1: 12.5–20 s, 2: after 22.5 s): [requests, ok]; and the latencies. */
  const counts = new Map<string, [number, number]>();
  const latency = new Map<string, number[]>();
  const world: World = new World(config, 7, {
    requests: {
      onRequestDone: (r, l) => {
        const t = r.start;
        const phase = t < seconds(10) ? 0 : t >= seconds(12.5) && t < seconds(20) ? 1 : t >= seconds(22.5) ? 2 : -1;
        const key = `${namespaces[r.namespace].name}/${world.clients[r.client].region + 1}`;
        if (phase >= 0) {
          const c = counts.get(`${key}/${phase}`) ?? [0, 0];
          c[0]++;
          if (r.outcome === Outcome.OK) c[1]++;
          counts.set(`${key}/${phase}`, c);
        }
        if (phase === 0 && r.outcome === Outcome.OK) latency.set(key, [...(latency.get(key) ?? []), l]);
      },
    },
  });
  world.run();
  const availability = (ns: string, region: number, phase: number) => {
    const [n, ok] = counts.get(`${ns}/${region}/${phase}`) ?? [0, 0];
    expect(n).toBeGreaterThan(50);
    return ok / n;
  };
  const servedIn = (region: number) => world.cluster.nodes.filter((n) => n.place.region === region - 1).reduce((a, n) => a + n.stats.served, 0);
  const minLatency = (ns: string, region: number) => Math.min(...(latency.get(`${ns}/${region}`) ?? [Infinity]));
  return { availability, servedIn, minLatency };
}

const ns = (name: string, share: number, regions?: string[]): NamespaceConfig => ({
  name,
  share,
  mix: { GET: 0.5, PUT: 0.5, SCAN: 0 },
  valueSize: { dist: "constant", value: 1000 },
  keys: { count: 1000, popularity: "uniform", zipfExponent: 0 },
  ...(regions ? { regions } : {}),
});
const outage = (region: string): FaultEvent[] => [{ kind: "regionOutage", at: seconds(10), for: seconds(10), target: { region } }];

describe("namespaces kept in some regions", () => {
  test("its keys live only in its regions: other regions' nodes serve none of it, and their clients pay two cross-region hops", () => {
    const r = run([ns("sharded", 1, ["r1", "r2"])]);
    expect([r.servedIn(3), r.servedIn(4)]).toEqual([0, 0]);
    expect(r.servedIn(1)).toBeGreaterThan(1000);
    expect(r.servedIn(2)).toBeGreaterThan(1000);
    // r3's clients go to r1 (the first listed): at least 2 × 30 ms; r1's and r2's stay local.
    expect(r.minLatency("sharded", 3)).toBeGreaterThanOrEqual(60_000);
    expect(r.minLatency("sharded", 4)).toBeGreaterThanOrEqual(60_000);
    expect(r.minLatency("sharded", 1)).toBeLessThan(10_000);
    expect(r.minLatency("sharded", 2)).toBeLessThan(10_000);
    for (const region of [1, 2, 3, 4]) expect(r.availability("sharded", region, 0)).toBe(1);
  });

  test("an outage of a region that does not hold it does not touch it; the namespace everywhere loses that region's clients", () => {
    const r = run([ns("sharded", 0.5, ["r1", "r2"]), ns("everywhere", 0.5)], outage("r3"));
    for (const region of [1, 2, 3, 4]) for (const phase of [0, 1, 2]) expect(r.availability("sharded", region, phase)).toBe(1);
    expect(r.availability("everywhere", 3, 1)).toBe(0); // its clients coordinate in their own region (no evacuation)
    for (const region of [1, 2, 4]) expect(r.availability("everywhere", region, 1)).toBe(1);
  });

  test("an outage of one of its regions: it survives in the other; clients elsewhere move there once the outage is detected; the region's own clients need evacuation", () => {
    const r = run([ns("sharded", 0.5, ["r1", "r2"]), ns("everywhere", 0.5)], outage("r1"));
    for (const region of [2, 3, 4]) expect(r.availability("sharded", region, 1)).toBe(1);
    expect(r.availability("sharded", 1, 1)).toBe(0);
    for (const region of [1, 2, 3, 4]) expect(r.availability("sharded", region, 2)).toBe(1);
  });

  test("evacuated, the failed region's own clients move to the other region that holds it", () => {
    // Detected at 12 s, evacuated at 13 s: of the 7.5 s from 12.5 s, the first 0.5 s fail.
    const r = run([ns("sharded", 0.5, ["r1", "r2"]), ns("everywhere", 0.5)], outage("r1"), seconds(1));
    const expected = 1 - 0.5 / 7.5;
    expect(Math.abs(r.availability("sharded", 1, 1) - expected)).toBeLessThan(0.03);
    expect(Math.abs(r.availability("everywhere", 1, 1) - expected)).toBeLessThan(0.03);
    for (const region of [2, 3, 4]) expect(r.availability("sharded", region, 1)).toBe(1);
  });
});
