import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { ALEA_WORDS, aleaNext, seedAlea, streamKey } from "../../src/engine/alea.js";
import { RandomStreams, streamFor } from "../../src/engine/random-streams.js";

/** seedrandom's own Alea for (seed, name): the generator every pin was recorded with. */
const reference = (seed: number, name: string) => seedrandom.alea(streamKey(seed, name));

describe("Alea on a Float64Array", () => {
  it("draws what seedrandom's alea draws, draw for draw, for keys of every kind", () => {
    const keys = ["", " ", "a", "node/us-east-1a/2/disk", "ü€😀", "x".repeat(300)];
    for (let i = 0; i < 200; i++) keys.push(`key ${i * 7919}`);
    for (const key of keys) {
      const ours = new Float64Array(ALEA_WORDS);
      seedAlea(ours, 0, key);
      const theirs = seedrandom.alea(key);
      let differ = 0;
      for (let d = 0; d < 2_000; d++) if (aleaNext(ours, 0) !== theirs()) differ++;
      expect(differ).toBe(0);
    }
  });

  it("streamFor draws what seedrandom draws over many seeds and names", () => {
    for (const seed of [0, 1, 42, 2 ** 31, 2 ** 53 - 1]) {
      for (const name of ["node/a/cpu/GET", "network/cross-zone", "client/3/arrivals"]) {
        const ours = streamFor(seed, name);
        const theirs = reference(seed, name);
        let differ = 0;
        for (let d = 0; d < 20_000; d++) if (ours() !== theirs()) differ++;
        expect(differ).toBe(0);
      }
    }
  });

  it("RandomStreams' streams, sharing chunks and drawn interleaved, each draw what seedrandom draws", () => {
    // 10,000 streams cross every chunk size (32 doubling to 4,096 per chunk) and several full chunks.
    const streams = new RandomStreams(12345);
    const count = 10_000;
    const ours = Array.from({ length: count }, (_, i) => streams.stream(`s/${i}`));
    const theirs = Array.from({ length: count }, (_, i) => reference(12345, `s/${i}`));
    let draws = 0;
    let differ = 0;
    for (let round = 0; round < 20; round++) {
      // Each round draws a different number from each stream, so neighbours drift apart.
      for (let i = 0; i < count; i++) {
        for (let d = (i + round) % 3; d >= 0; d--, draws++) if (ours[i]() !== theirs[i]()) differ++;
      }
    }
    expect(draws).toBeGreaterThan(390_000);
    expect(differ).toBe(0);
  });
});
