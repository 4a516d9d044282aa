import { describe, expect, test } from "vitest";
import { ALEA_WORDS, aleaNext } from "../../src/engine/alea.js";
import type { DistributionSpec } from "../../src/engine/distribution-spec.js";
import { RandomStreams, streamFor } from "../../src/engine/random-streams.js";
import { makeSampler } from "../../src/engine/sampler.js";
import { sharedSampler } from "../../src/engine/shared-sampler.js";

// A shared sampler must draw, on each stream, exactly what a sampler of that stream's own would:
// the model's results (and every pinned fingerprint) depend on it.
const SPECS: DistributionSpec[] = [
  { dist: "lognormal", median: 1200, p99: 9000 },
  { dist: "scaledBeta", min: 100, max: 20_000, alpha: 1.5, beta: 30 },
  { dist: "exponential", mean: 300 },
  { dist: "mixture", components: [{ weight: 9, dist: "constant", value: 5 }, { weight: 1, dist: "pareto", scale: 10, alpha: 1.5 }] },
  { dist: "empirical", p50: 10, p90: 30, p99: 100 },
];

describe("SharedSampler", () => {
  test.each(SPECS)("interleaved draws on three streams equal three samplers of their own: $dist", (spec) => {
    const names = ["a", "b", "c"];
    const block = new RandomStreams(7).block(names);
    const shared = sharedSampler(spec);
    const own = names.map((name) => makeSampler(spec, streamFor(7, name)));
    for (let i = 0; i < 3000; i++) {
      const s = (i * 7) % 3; // an irregular order across the streams
      expect(shared.drawFrom(block.state, block.at + s * ALEA_WORDS)).toBe(own[s]());
    }
  });

  test("one sampler per spec object, remade when the object's values change", () => {
    const spec = { dist: "exponential" as const, mean: 10 };
    const first = sharedSampler(spec);
    expect(sharedSampler(spec)).toBe(first);
    spec.mean = 20;
    expect(sharedSampler(spec)).not.toBe(first);
  });

  test("bad params throw as makeSampler does", () => {
    expect(() => sharedSampler({ dist: "exponential", mean: -1 })).toThrow(RangeError);
  });
});

describe("RandomStreams.block", () => {
  test("each stream of a block draws what stream(name) draws, and names are still taken once", () => {
    const streams = new RandomStreams(11);
    const block = streams.block(["x", "y"]);
    const x = streamFor(11, "x");
    const y = streamFor(11, "y");
    for (let i = 0; i < 100; i++) {
      expect(aleaNext(block.state, block.at)).toBe(x());
      expect(aleaNext(block.state, block.at + ALEA_WORDS)).toBe(y());
    }
    expect(() => streams.stream("x")).toThrow(/already taken/);
    expect(() => streams.block(["z", "z"])).toThrow(/already taken/);
  });

  test("a block larger than a chunk gets a chunk of its own", () => {
    const streams = new RandomStreams(3);
    streams.stream("first");
    const names = Array.from({ length: 5000 }, (_, i) => `s${i}`);
    const block = streams.block(names);
    expect(block.state.length - block.at).toBeGreaterThanOrEqual(names.length * ALEA_WORDS);
    expect(aleaNext(block.state, block.at + 4999 * ALEA_WORDS)).toBe(streamFor(3, "s4999")());
  });
});
