import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { keyToken, TokenRing } from "../../../src/model/ring/token-ring.js";
import { Topology } from "../../../src/model/topology.js";
import { clusterConfig } from "../tiny-world.js";

const SPACE = 2 ** 32;

/** east: 3 zones × 2 nodes, RF 3 (enough zones); west: 2 zones × 2 nodes, RF 3 (too few zones). */
const topology = new Topology(
  clusterConfig({
    regions: [
      { name: "east", zones: ["e1", "e2", "e3"], nodesPerZone: 2, replicationFactor: 3 },
      { name: "west", zones: ["w1", "w2"], nodesPerZone: 2, replicationFactor: 3 },
    ],
  }),
);
const ring = (seed = 1, vnodes = 8, t = topology) => new TokenRing(t, vnodes, streamFor(seed, "cluster/tokens"));

describe("TokenRing layout", () => {
  test("one token per vnode per node, strictly increasing and inside the 32-bit space", () => {
    const r = ring();
    expect(r.rangeCount).toBe(10 * 8);
    for (let i = 0; i < r.rangeCount; i++) {
      expect(Number.isInteger(r.tokens[i])).toBe(true);
      expect(r.tokens[i]).toBeGreaterThanOrEqual(0);
      expect(r.tokens[i]).toBeLessThan(SPACE);
      if (i > 0) expect(r.tokens[i]).toBeGreaterThan(r.tokens[i - 1]);
    }
  });

  test("every range has RF distinct replicas per region, in distinct zones where the region has enough", () => {
    const r = ring();
    for (let i = 0; i < r.rangeCount; i++) {
      const [east, west] = r.replicasByRegion[i];
      expect(east).toHaveLength(3);
      expect(west).toHaveLength(3);
      expect(new Set(east).size).toBe(3);
      expect(new Set(west).size).toBe(3);
      expect(east.every((n) => topology.nodes[n].region === 0)).toBe(true);
      expect(west.every((n) => topology.nodes[n].region === 1)).toBe(true);
      // 3 zones for RF 3: one copy per zone.
      expect(new Set(east.map((n) => topology.nodes[n].zone)).size).toBe(3);
      // 2 zones for RF 3: both zones hold a copy.
      expect(new Set(west.map((n) => topology.nodes[n].zone)).size).toBe(2);
      expect(r.replicas[i]).toEqual([...east, ...west]);
    }
  });

  test("with one vnode and RF 1, each node owns exactly one range (the range ending at its token)", () => {
    const t = new Topology(clusterConfig({ regions: [{ name: "r", zones: ["a", "b", "c"], nodesPerZone: 2, replicationFactor: 1 }] }));
    const r = ring(3, 1, t);
    const owners = r.replicas.map((rs) => rs[0]);
    expect(owners.slice().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test("a region with replication factor 0 holds no copy", () => {
    const t = new Topology(
      clusterConfig({
        regions: [
          { name: "r1", zones: ["a", "b", "c"], nodesPerZone: 1, replicationFactor: 2 },
          { name: "r2", zones: ["d"], nodesPerZone: 2, replicationFactor: 0 },
        ],
      }),
    );
    const r = ring(5, 4, t);
    for (const byRegion of r.replicasByRegion) {
      expect(byRegion[0]).toHaveLength(2);
      expect(byRegion[1]).toEqual([]);
    }
  });

  test("the same seed gives the same ring, another seed another ring", () => {
    expect(Array.from(ring(11).tokens)).toEqual(Array.from(ring(11).tokens));
    expect(ring(11).replicas).toEqual(ring(11).replicas);
    expect(Array.from(ring(12).tokens)).not.toEqual(Array.from(ring(11).tokens));
  });
});

describe("TokenRing lookup", () => {
  test("range i owns (tokens[i-1], tokens[i]]; past the last token it wraps to range 0", () => {
    const r = ring();
    const t = r.tokens;
    const last = r.rangeCount - 1;
    expect(t[0]).toBeGreaterThan(0); // seed 1 puts no token at 0, so token 0 is in the wrapping range
    expect(r.rangeOfToken(0)).toBe(0);
    expect(r.rangeOfToken(t[0])).toBe(0);
    expect(r.rangeOfToken(t[0] + 1)).toBe(1);
    for (const i of [1, 17, 40, last]) {
      expect(r.rangeOfToken(t[i])).toBe(i);
      expect(r.rangeOfToken(t[i - 1] + 1)).toBe(i);
    }
    expect(t[last]).toBeLessThan(SPACE - 1);
    expect(r.rangeOfToken(t[last] + 1)).toBe(0);
    expect(r.rangeOfToken(SPACE - 1)).toBe(0);
  });

  test("keyToken is a fixed 32-bit function of the key", () => {
    expect(keyToken(0)).toBe(0);
    for (const k of [1, 2, 12345, 999_999]) {
      expect(keyToken(k)).toBe(keyToken(k));
      expect(Number.isInteger(keyToken(k)) && keyToken(k) >= 0 && keyToken(k) < SPACE).toBe(true);
    }
    expect(keyToken(1)).not.toBe(keyToken(2));
  });

  test("keys 0..N−1 fall into ranges in proportion to range width (chi-square, N = 200 000)", () => {
    // 80 ranges, 79 degrees of freedom: the 99.99th percentile of chi-square(79) is about 132.
    // Each range separately: within 5 binomial standard deviations of N · width.
    const r = ring();
    const N = 200_000;
    const counts = new Float64Array(r.rangeCount);
    for (let k = 0; k < N; k++) counts[r.rangeOfKey(k)]++;
    let chi2 = 0;
    for (let i = 0; i < r.rangeCount; i++) {
      const width = (i === 0 ? r.tokens[0] + SPACE - r.tokens[r.rangeCount - 1] : r.tokens[i] - r.tokens[i - 1]) / SPACE;
      const expected = N * width;
      chi2 += (counts[i] - expected) ** 2 / expected;
      expect(Math.abs(counts[i] - expected)).toBeLessThanOrEqual(5 * Math.sqrt(N * width * (1 - width)) + 1);
    }
    expect(chi2).toBeLessThan(132);
  });
});

/** The range owning `token`, by the plain binary search the bucket index replaced. */
function searched(tokens: Float64Array, token: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid] < token) lo = mid + 1;
    else hi = mid;
  }
  return lo === tokens.length ? 0 : lo;
}

describe("TokenRing bucket index", () => {
  const big = new Topology(clusterConfig({ regions: [{ name: "r", zones: ["a", "b", "c"], nodesPerZone: 16, replicationFactor: 3 }] }));
  const rings = [ring(), ring(2, 1), ring(7, 16, big), ring(8, 256, big)];

  test("agrees with a binary search on every token, its neighbours, the ring's ends and bucket edges", () => {
    for (const r of rings) {
      const probes = [0, 1, SPACE - 2, SPACE - 1];
      for (const t of r.tokens) probes.push(t - 1, t, t + 1);
      for (let k = 0; k <= 24; k++) probes.push(2 ** (32 - k) - 1, 2 ** (32 - k), 2 ** (32 - k) + 1, SPACE - 2 ** (32 - k));
      for (const t of probes) if (t >= 0 && t < SPACE) expect(r.rangeOfToken(t)).toBe(searched(r.tokens, t));
    }
  });

  test("agrees with a binary search on 100 000 random tokens and on every key's token", () => {
    const draw = streamFor(99, "probes");
    for (const r of rings) {
      for (let n = 0; n < 25_000; n++) {
        const t = Math.floor(draw() * SPACE);
        expect(r.rangeOfToken(t)).toBe(searched(r.tokens, t));
      }
      for (let k = 0; k < 20_000; k++) expect(r.rangeOfKey(k)).toBe(searched(r.tokens, keyToken(k)));
    }
  });

  test("with tokens at both ends of the space, and off the 32-bit grid", () => {
    // Tokens 0 and 2^32 − 1 and two neighbours: the first range holds only token 0.
    const t = new Topology(clusterConfig({ regions: [{ name: "r", zones: ["A", "B"], nodesPerZone: 2, replicationFactor: 1 }] }));
    const draws = [0, 1 / SPACE, (SPACE - 2) / SPACE, (SPACE - 1) / SPACE];
    const r = new TokenRing(t, 1, () => draws.shift()!);
    expect(Array.from(r.tokens)).toEqual([0, 1, SPACE - 2, SPACE - 1]);
    for (const token of [0, 1, 2, 3, 2 ** 31, SPACE - 3, SPACE - 2, SPACE - 1]) expect(r.rangeOfToken(token)).toBe(searched(r.tokens, token));
    for (const token of [0.5, -1, SPACE, SPACE + 5, 1.5]) expect(r.rangeOfToken(token)).toBe(searched(r.tokens, token));
  });
});

describe("TokenRing placement with fewer zones than RF", () => {
  // Zones A and B with 2 nodes each, RF 3, one token per node, placed in node order:
  // the ring reads A/0 (node 0), A/1 (1), B/0 (2), B/1 (3).
  const t = new Topology(clusterConfig({ regions: [{ name: "r", zones: ["A", "B"], nodesPerZone: 2, replicationFactor: 3 }] }));
  const tokens = [0.1, 0.2, 0.3, 0.4];
  const placed = () => new TokenRing(t, 1, () => tokens.shift()!);

  // Regression (was a deviation from the documented model): Cassandra's NetworkTopologyStrategy, once every rack
  // has a copy, first adds the endpoints it skipped past (nearest on the ring) and only then
  // continues the walk. pickRegionReplicas appends the skipped nodes only after the whole walk, so
  // range 0 (owned by A/0) gets [A/0, B/0, B/1] instead of Cassandra's [A/0, B/0, A/1].
  test("once every zone has a copy, the skipped nearer nodes come first, as in Cassandra", () => {
    expect(placed().replicas[0]).toEqual([0, 2, 1]);
  });
});

