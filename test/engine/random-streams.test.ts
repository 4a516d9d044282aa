import { describe, expect, test } from "vitest";
import { assertSeed, RandomStreams, replicationSeed, streamFor } from "../../src/engine/random-streams.js";
import type { Source } from "../../src/engine/random-streams.js";

const SEED = 42;

function take(source: Source, n: number): number[] {
  return Array.from({ length: n }, () => source());
}

describe("stream independence", () => {
  test("a stream's draws are unchanged when another stream draws more", () => {
    const quiet = new RandomStreams(SEED);
    const a1 = quiet.stream("a");
    quiet.stream("b");
    const busy = new RandomStreams(SEED);
    const a2 = busy.stream("a");
    const b2 = busy.stream("b");
    const first = take(a1, 100);
    const interleaved: number[] = [];
    for (let i = 0; i < 100; i++) {
      take(b2, 7);
      interleaved.push(a2());
    }
    expect(interleaved).toEqual(first);
  });

  test("a stream's draws are unchanged when a new stream is taken first", () => {
    const plain = new RandomStreams(SEED);
    const before = take(plain.stream("disk"), 50);
    const extended = new RandomStreams(SEED);
    take(extended.stream("new-component"), 10);
    expect(take(extended.stream("disk"), 50)).toEqual(before);
  });

  test("the same (seed, name) gives the same draws, through RandomStreams or streamFor", () => {
    expect(take(new RandomStreams(SEED).stream("x"), 20)).toEqual(take(streamFor(SEED, "x"), 20));
  });

  test("different names or seeds give different draws", () => {
    const base = take(streamFor(SEED, "x"), 20);
    expect(take(streamFor(SEED, "y"), 20)).not.toEqual(base);
    expect(take(streamFor(SEED + 1, "x"), 20)).not.toEqual(base);
    // Names that differ only where a naive concatenation would blur them.
    expect(take(streamFor(1, "23"), 20)).not.toEqual(take(streamFor(12, "3"), 20));
  });

  test("a name can be taken once per run, and names are listed in order", () => {
    const streams = new RandomStreams(SEED);
    streams.stream("a");
    streams.stream("b");
    expect(() => streams.stream("a")).toThrow(/already taken/);
    expect(streams.names).toEqual(["a", "b"]);
  });
});

describe("seeds", () => {
  test("replication 0 is the run's own seed", () => {
    expect(replicationSeed(SEED, 0)).toBe(SEED);
    expect(replicationSeed(0, 0)).toBe(0);
  });

  test("replication seeds differ per index, are safe integers, and depend only on (seed, index)", () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => replicationSeed(SEED, i));
    expect(new Set(seeds).size).toBe(1000);
    for (const s of seeds) {
      expect(Number.isSafeInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(() => assertSeed(s)).not.toThrow();
    }
    expect(replicationSeed(SEED, 7)).toBe(seeds[7]);
    expect(replicationSeed(SEED + 1, 7)).not.toBe(seeds[7]);
  });

  test.each([-1, 1.5, 2 ** 53, NaN, Infinity])("seed %s is rejected", (seed) => {
    expect(() => new RandomStreams(seed)).toThrow(RangeError);
    expect(() => replicationSeed(seed, 1)).toThrow(RangeError);
  });

  test("the largest seed, 2^53 − 1, is accepted; bad replication indices are not", () => {
    expect(() => new RandomStreams(Number.MAX_SAFE_INTEGER)).not.toThrow();
    expect(() => replicationSeed(SEED, -1)).toThrow(RangeError);
    expect(() => replicationSeed(SEED, 0.5)).toThrow(RangeError);
  });
});

test("uniform output: in [0, 1) with mean 0.5 over 10^6 draws", () => {
  const source = streamFor(SEED, "uniformity");
  const n = 1_000_000;
  let sum = 0;
  let min = 1;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const u = source();
    sum += u;
    if (u < min) min = u;
    if (u > max) max = u;
  }
  expect(min).toBeGreaterThanOrEqual(0);
  expect(max).toBeLessThan(1);
  // A U(0, 1) draw has standard deviation √(1/12); the mean of 10^6 has 2.9e-4; allow 5 of those.
  expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
});
