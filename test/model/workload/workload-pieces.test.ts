import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { RandomBalancer } from "../../../src/model/client/balancer/random-balancer.js";
import { describeTarget, resolveTarget } from "../../../src/model/faults/fault-target.js";
import { keyChooser } from "../../../src/model/workload/key-chooser.js";
import { Topology } from "../../../src/model/topology.js";
import { clusterConfig } from "../tiny-world.js";

const N = 100_000;

describe("keyChooser", () => {
  test("uniform keys cover 0..count−1 evenly (chi-square over 10 keys, N = 100 000)", () => {
    // chi-square(9): the 99.99th percentile is about 33.7.
    const next = keyChooser({ count: 10, popularity: "uniform", zipfExponent: 0 }, streamFor(1, "keys"));
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) counts[next()]++;
    const chi2 = counts.reduce((a, c) => a + (c - N / 10) ** 2 / (N / 10), 0);
    expect(chi2).toBeLessThan(33.7);
  });

  test("Zipf s = 1 over 10 keys: key 0 is drawn with probability 1 / H(10) ≈ 0.3414 (±5σ, N = 100 000)", () => {
    const next = keyChooser({ count: 10, popularity: "zipf", zipfExponent: 1 }, streamFor(2, "keys"));
    const h10 = Array.from({ length: 10 }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b, 0);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) counts[next()]++;
    for (const k of [0, 1, 9]) {
      const p = 1 / (k + 1) / h10;
      expect(Math.abs(counts[k] / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N); // every key in 0..9
  });

  test("Zipf with exponent 0 is uniform", () => {
    const next = keyChooser({ count: 4, popularity: "zipf", zipfExponent: 0 }, streamFor(3, "keys"));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[next()]++;
    // each count Binomial(40 000, 1/4): sd ≈ 86.6, ±5 sd
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * 86.6);
  });
});

describe("RandomBalancer", () => {
  test("picks each candidate about equally often (±5σ, N = 30 000)", () => {
    const b = new RandomBalancer(streamFor(4, "balancer"));
    const candidates = [7, 3, 9];
    const counts = new Map<number, number>();
    for (let i = 0; i < 30_000; i++) {
      const pick = b.pick(candidates, { outstanding: [], nodeZone: [], clientZone: 0, replicas: [], health: [] }, -1);
      counts.set(pick, (counts.get(pick) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([3, 7, 9]);
    // Binomial(30 000, 1/3): sd ≈ 81.6
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(5 * 81.6);
  });
});

describe("fault targets", () => {
  const topology = new Topology(
    clusterConfig({
      regions: [
        { name: "r1", zones: ["a", "b"], nodesPerZone: 2, replicationFactor: 2 },
        { name: "r2", zones: ["c"], nodesPerZone: 1, replicationFactor: 1 },
      ],
    }),
  );

  test("a target names one node, a zone's, a region's, or all", () => {
    expect(resolveTarget(topology, { node: "b/1" })).toEqual([3]);
    expect(resolveTarget(topology, { zone: "b" })).toEqual([2, 3]);
    expect(resolveTarget(topology, { region: "r2" })).toEqual([4]);
    expect(resolveTarget(topology, { all: true })).toEqual([0, 1, 2, 3, 4]);
  });

  test("an unknown name throws", () => {
    expect(() => resolveTarget(topology, { node: "b/2" })).toThrow(/no node "b\/2"/);
    expect(() => resolveTarget(topology, { zone: "d" })).toThrow(RangeError);
    expect(() => resolveTarget(topology, { region: "r3" })).toThrow(RangeError);
  });

  test("targets are described for reports", () => {
    expect(describeTarget({ node: "b/1" })).toBe("node b/1");
    expect(describeTarget({ zone: "a" })).toBe("zone a");
    expect(describeTarget({ region: "r1" })).toBe("region r1");
    expect(describeTarget({ all: true })).toBe("all nodes");
  });
});
