import { expect, test } from "vitest";
import { KeyCache } from "../../../src/model/client/key-cache.js";
import { simulate } from "../../../src/experiment/simulate.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

test("least recently used keys are evicted first; a hit refreshes a key", () => {
  const cache = new KeyCache(2);
  cache.fill(1);
  cache.fill(2);
  expect(cache.lookup(1)).toBe(true); // 1 is now the most recent
  cache.fill(3); // evicts 2
  expect(cache.lookup(2)).toBe(false);
  expect(cache.lookup(1)).toBe(true);
  expect(cache.lookup(3)).toBe(true);
  expect([cache.hits, cache.misses]).toEqual([3, 1]);
});

test("a write invalidates; a restart empties, or pre-warms with the keys given (last kept when full)", () => {
  const cache = new KeyCache(2);
  cache.fill(7);
  cache.invalidate(7);
  expect(cache.lookup(7)).toBe(false);
  cache.fill(8);
  cache.restart();
  expect(cache.size).toBe(0);
  cache.restart([5, 4, 3]);
  expect([cache.lookup(5), cache.lookup(4), cache.lookup(3)]).toEqual([false, true, true]);
  expect(() => new KeyCache(0)).toThrow(RangeError);
});

/** A store behind caches: zipf keys, mostly reads. */
const scenario = (cache: string) => `
duration: 1m
seed: 4
cluster:
  regions: [{ name: r, zones: [a, b, c], nodesPerZone: 1 }]
workload:
  rate: 600/s
  mix: { GET: 100% }
  keys: { count: 10000, popularity: zipf, zipfExponent: 1.0 }
clients: { perZone: 4, cache: ${cache} }
`;

test("the same memory pooled in a zone's remote cache hits more than four near caches", () => {
  const hitShare = (cache: string) => {
    const s = loadScenarioText(scenario(cache), "cache.yaml");
    return simulate(s.base.config, s.seed).outcome.client.cacheHitShare;
  };
  const near = hitShare("{ kind: near, capacity: 500, start: cold }");
  const remote = hitShare("{ kind: remote, capacity: 2000, start: cold }");
  // Four near caches of 500 keys hold many of the same hot keys; one remote cache of 2000 holds
  // 2000 distinct ones, and a key one client read is a hit for the other three.
  expect(remote).toBeGreaterThan(near + 0.05);
  expect(near).toBeGreaterThan(0.3);
});

test("remote cache hits cost a network round trip in the zone; near ones do not", () => {
  const latency = (cache: string) => {
    const s = loadScenarioText(scenario(cache), "cache.yaml");
    return simulate(s.base.config, s.seed).outcome.latencyMs.GET.p50;
  };
  // The median read is a cache hit in both: 20 µs near; ~2 × 150 µs more remote.
  expect(latency("{ kind: near, capacity: 5000 }")).toBeLessThan(0.05);
  expect(latency("{ kind: remote, capacity: 5000 }")).toBeGreaterThan(0.2);
});
