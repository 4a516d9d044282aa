import fc from "fast-check";
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

/** The plain definition of an LRU cache, to hold KeyCache to: a Map in recency order, least recent first. */
class MapLru {
  keys = new Map<number, true>();
  constructor(readonly capacity: number) {}
  lookup(key: number): boolean {
    if (!this.keys.delete(key)) return false;
    this.keys.set(key, true);
    return true;
  }
  fill(key: number): void {
    if (!this.keys.delete(key) && this.keys.size >= this.capacity) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(key, true);
  }
}

test.each([
  { keys: 60, capacities: [1, 40], ops: 600, runs: 100, scale: 1 },
  // Both past the 16 entries the arrays start with: growth and rehashing between the other operations.
  { keys: 3_000, capacities: [1_100, 2_500], ops: 12_000, runs: 4, scale: 100 },
])("KeyCache keeps and evicts exactly the keys a least-recently-used Map does ($keys keys, capacity $capacities)", ({ keys, capacities, ops: length, runs, scale }) => {
  const key = fc.nat(keys);
  const op = fc.oneof(
    // A restart about once in 15 operations among few keys, once in 1,400 among many.
    { arbitrary: fc.record({ kind: fc.constant("lookup" as const), key }), weight: 6 * scale },
    { arbitrary: fc.record({ kind: fc.constant("fill" as const), key }), weight: 6 * scale },
    { arbitrary: fc.record({ kind: fc.constant("invalidate" as const), key }), weight: 2 * scale },
    { arbitrary: fc.record({ kind: fc.constant("restart" as const), key }), weight: 1 },
  );
  // Keys far apart (multiples of 2^32 + 1 apart) as well as near: both halves of a key feed the hash.
  fc.assert(
    fc.property(fc.integer({ min: capacities[0], max: capacities[1] }), fc.constantFrom(1, 2 ** 32 + 1, 7_919), fc.array(op, { minLength: length / 2, maxLength: length }), (capacity, spread, ops) => {
      const cache = new KeyCache(capacity);
      const model = new MapLru(capacity);
      for (const { kind, key: k } of ops) {
        const key = k * spread;
        if (kind === "lookup") expect(cache.lookup(key)).toBe(model.lookup(key));
        else if (kind === "fill") {
          cache.fill(key);
          model.fill(key);
        } else if (kind === "invalidate") {
          cache.invalidate(key);
          model.keys.delete(key);
        } else {
          cache.restart();
          model.keys.clear();
        }
        expect(cache.size).toBe(model.keys.size);
      }
      for (let k = 0; k <= keys; k++) expect(cache.lookup(k * spread)).toBe(model.lookup(k * spread));
    }),
    { seed: 18, numRuns: runs },
  );
});

test("KeyCache grows past its first arrays and rehashes without losing a key (20,000 keys, then the oldest 5,000 evicted in order)", () => {
  const cache = new KeyCache(20_000);
  for (let k = 0; k < 20_000; k++) cache.fill(k * 1_000_003);
  expect(cache.size).toBe(20_000);
  for (let k = 20_000; k < 25_000; k++) cache.fill(k * 1_000_003);
  expect(cache.size).toBe(20_000);
  let kept = 0;
  for (let k = 0; k < 25_000; k++) if (cache.lookup(k * 1_000_003)) kept++;
  expect(kept).toBe(20_000);
  expect(cache.misses).toBe(5_000); // exactly the first 5,000 filled were evicted
  for (let k = 0; k < 5_000; k++) expect(cache.lookup(k * 1_000_003)).toBe(false);
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
