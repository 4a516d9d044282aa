import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import { poissonMeanInterval } from "../../src/metrics/poisson-interval.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/**
 * Known answers for the three answers' definitions, on small clusters whose truth is known by
 * construction: which zone was lost, which ranges a node owned, how long each outage lasted.
 */
function run(yaml: string) {
  const scenario = loadScenarioText(yaml, "known-answer.yaml");
  return simulate(scenario.base.config, scenario.seed).outcome;
}

/**
 * Two regions of three zones, one node each, two copies of every key per region: LOCAL_QUORUM
 * needs both local copies, so losing a zone fails the keys with a copy there, for the clients of
 * that region only. `extra` adds faults after the timeline's first entries. The rate is the
 * requests' (cost is linear in it): 1000/s where background errors must stay well inside the
 * SLO's 1% in every window, 200/s where only the faults' places and times are read.
 */
const twoRegions = (timeline: string, extra = "", seconds = 20 * 60, rate = "1000/s") => `
name: known-answer
seed: 5
duration: ${seconds}s
cluster:
  regions:
    - { name: east, zones: [east-a, east-b, east-c], nodesPerZone: 1, replicationFactor: 2 }
    - { name: west, zones: [west-a, west-b, west-c], nodesPerZone: 1, replicationFactor: 2 }
  consistency: { read: LOCAL_QUORUM, write: LOCAL_QUORUM }
  failureDetection: 100ms
  node: { concurrency: 16 }
workload:
  rate: ${rate}
  mix: { GET: 90%, PUT: 10% }
clients:
  perZone: 1
faults:
  timeline:
${timeline}${extra}
slo:
  GET: { p99: 100ms, errorRate: 1% }
  PUT: { p99: 100ms, errorRate: 1% }
`;

describe("blast radius: where it was felt and where the fault was", () => {
  // One zone of six lost for 5 minutes, while every node answers 0.25% of replica reads with an
  // error: about 0.5% of requests fail everywhere, half the 1% allowance.
  const o = run(
    twoRegions(
      "    - { at: 2m, for: 5m, kind: zoneOutage, zone: east-a }\n",
      "    - { at: 0s, kind: errors, all: true, share: 0.25% }\n",
      10 * 60,
    ),
  );

  test("one episode, caused by the scripted outage", () => {
    expect(o.episodes.count).toBe(1);
    expect(o.episodes.list[0].scripted).toBe(true);
  });

  test("the fault view is the one zone lost: nodes 1/6, zones 1/6, regions 1/2", () => {
    // Without the background errors, which are a fault acting on every node.
    const alone = run(twoRegions("    - { at: 2m, for: 5m, kind: zoneOutage, zone: east-a }\n", "", 10 * 60, "200/s"));
    expect(alone.episodes.count).toBe(1);
    const f = alone.episodes.list[0].blastRadius.fault;
    expect([f.nodes.touched, f.nodes.of]).toEqual([1, 6]);
    expect([f.zones.touched, f.zones.of]).toEqual([1, 6]);
    expect([f.regions.touched, f.regions.of]).toEqual([1, 2]);
  });

  test("only the region whose clients routed there felt it; background errors at half the allowance touch nothing", () => {
    const s = o.episodes.list[0].blastRadius.seen;
    expect([s.regions.touched, s.regions.of]).toEqual([1, 2]);
    expect([s.zones.touched, s.zones.of]).toEqual([3, 6]);
    expect([s.clients.touched, s.clients.of]).toEqual([3, 6]);
    // The east clients carried half the traffic.
    expect(s.clients.traffic).toBeGreaterThan(0.45);
    expect(s.clients.traffic).toBeLessThan(0.55);
    // The injected errors act on every node: the fault view says so.
    expect(o.episodes.list[0].blastRadius.fault.nodes.touched).toBe(6);
  });

  test("one tenant is not a share", () => {
    const t = o.episodes.list[0].blastRadius.seen.tenants;
    expect(t).toMatchObject({ touched: 1, of: 1, share: null, traffic: null });
  });
});

/** One region of three nodes, one copy of each key (ONE): a node's loss takes exactly its ranges. */
const oneCopy = (o: { name: string; seed: number; duration: string; rate: string; perZone: number; faults: string; slo: string }) => `
name: ${o.name}
seed: ${o.seed}
duration: ${o.duration}
cluster:
  regions:
    - { name: east, zones: [east-a, east-b, east-c], nodesPerZone: 1, replicationFactor: 1 }
  consistency: { read: ONE, write: ONE }
  failureDetection: 100ms
workload:
  rate: ${o.rate}
  mix: { GET: 100% }
clients:
  perZone: ${o.perZone}
faults:
${o.faults}
slo:
${o.slo}
`;

describe("a fault scoped to key ranges", () => {
  // A crashed node takes exactly its ranges (at 400/s: 0.249 of the traffic, 0.251 at 2000/s).
  const o = run(oneCopy({ name: "ranges", seed: 9, duration: "6m", rate: "400/s", perZone: 2, faults: "  timeline:\n    - { at: 1m, for: 3m, kind: nodeCrash, node: east-b/0 }", slo: "  GET: { p99: 100ms, errorRate: 1% }" }));

  test("the touched ranges are the crashed node's: about a third of the ranges and of the traffic", () => {
    expect(o.episodes.count).toBe(1);
    const { seen, fault } = o.episodes.list[0].blastRadius;
    expect(fault.nodes.touched).toBe(1);
    expect(seen.ranges.share!).toBeGreaterThan(0.2);
    expect(seen.ranges.share!).toBeLessThan(0.47);
    expect(seen.ranges.traffic!).toBeGreaterThan(0.2);
    expect(seen.ranges.traffic!).toBeLessThan(0.47);
    // ... and its share of the episode's requests failed: every client felt it.
    expect(o.episodes.list[0].blastRadius.failedRequests).toBeCloseTo(seen.ranges.traffic!, 1);
    expect(seen.clients.share).toBe(1);
  });
});

describe("recovery at sub-window resolution", () => {
  // Three outages of the whole east region, far apart: 14 s, 95 s and 10 minutes. Windows are
  // 10 s; the episodes must read the outages' lengths to about a second, not a window.
  const o = run(
    twoRegions(
      ["    - { at: 1m, for: 14s, kind: regionOutage, region: east }", "    - { at: 3m, for: 95s, kind: regionOutage, region: east }", "    - { at: 8m, for: 10m, kind: regionOutage, region: east }", ""].join("\n"),
      "",
      20 * 60,
      // A request every 5 ms: the same 14, 95 and 600 s as at 1000/s, for a fifth of the CPU.
      "200/s",
    ),
  );

  test("14 s, 95 s and 10 min, each within ±2 s", () => {
    expect(o.episodes.count).toBe(3);
    const [a, b, c] = o.episodes.list.map((e) => e.durationS);
    expect(Math.abs(a - 14)).toBeLessThanOrEqual(2);
    expect(Math.abs(b - 95)).toBeLessThanOrEqual(2);
    expect(Math.abs(c - 600)).toBeLessThanOrEqual(2);
    expect(Math.abs(o.episodes.list[0].startS - 60)).toBeLessThanOrEqual(2);
  });

  test("a scripted run gives a count, never a rate per day", () => {
    expect(o.frequency).toMatchObject({ episodes: 3, scripted: 3, unscripted: 0, perDay: null });
  });

  test("latency as clients saw it counts the failures; successes only does not", () => {
    // Failed requests gave up at the 100 ms timeout or sooner; the successes are far faster.
    expect(o.latencyMs.all!.max).toBeGreaterThan(o.successLatencyMs.all!.p99);
    expect(o.requests.total).toBeGreaterThan(o.requests.ok);
  });
});

describe("frequency from random faults", () => {
  // Three nodes, one copy of each key, each failing on average every 2 h for about a minute: the
  // episodes are unscripted, so they make a rate per day with its exact Poisson interval.
  // 5 requests a second see every outage (the same 22 episodes as at 20/s, for a quarter of the CPU).
  const o = run(oneCopy({ name: "mtbf", seed: 4, duration: "12h", rate: "5/s", perZone: 1, faults: "  nodeFailures: { mtbf: 2h, mttr: { dist: constant, value: 1m } }", slo: "  window: 30s\n  GET: { p99: 100ms, errorRate: 1% }" }));

  test("episodes per day with the Garwood interval of their count", () => {
    const f = o.frequency;
    expect(f.scripted).toBe(0);
    expect(f.unscripted).toBe(o.episodes.count);
    expect(f.episodes).toBeGreaterThan(5);
    const perDay = f.perDay!;
    expect(perDay.method).toBe("garwood");
    expect(perDay.exposureDays).toBe(0.5);
    expect(perDay.rate).toBeCloseTo(f.episodes / 0.5, 3);
    const { low, high } = poissonMeanInterval(f.episodes);
    expect(perDay.ci95Low).toBeCloseTo(low / 0.5, 3);
    expect(perDay.ci95High).toBeCloseTo(high / 0.5, 3);
    // 3 nodes × 12 h / 2 h = 18 failures expected; the interval holds it.
    expect(perDay.ci95Low).toBeLessThan(36);
    expect(perDay.ci95High).toBeGreaterThan(36);
  });
});
