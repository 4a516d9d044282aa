import { describe, expect, it } from "vitest";
import { scaledBetaSampler } from "../../src/engine/distributions/scaled-beta.js";
import { gammaSampler } from "../../src/engine/distributions/gamma-sampler.js";
import { standardNormal } from "../../src/engine/distributions/ziggurat-normal.js";
import type { Source } from "../../src/engine/random-streams.js";
import { streamFor } from "../../src/engine/random-streams.js";

/** The gamma as it was written before its constants were shared: the reference, kept verbatim. */
class ReferenceGamma {
  readonly #d: number;
  readonly #c: number;
  readonly #boost: boolean;
  readonly #invK: number;
  readonly #exponential: boolean;
  constructor(
    readonly source: Source,
    k: number,
  ) {
    this.#exponential = k === 1;
    this.#boost = k < 1;
    this.#d = (this.#boost ? k + 1 : k) - 1 / 3;
    this.#c = 1 / (3 * Math.sqrt(this.#d));
    this.#invK = 1 / k;
  }
  next(): number {
    const source = this.source;
    if (this.#exponential) return -Math.log1p(-source());
    const d = this.#d;
    const c = this.#c;
    let x: number;
    let v: number;
    let u: number;
    do {
      do {
        x = standardNormal(source);
        v = 1 + c * x;
      } while (v <= 0);
      v *= v * v;
      u = 1 - source();
    } while (u >= 1 - 0.0331 * x * x * x * x && Math.log(u) >= 0.5 * x * x + d * (1 - v + Math.log(v)));
    return this.#boost ? d * v * Math.pow(source(), this.#invK) : d * v;
  }
}

function referenceBeta(source: Source, p: { min: number; max: number; alpha: number; beta: number }): () => number {
  const x = new ReferenceGamma(source, p.alpha);
  const y = new ReferenceGamma(source, p.beta);
  return () => {
    const gx = x.next();
    return p.min + (p.max - p.min) * (gx === 0 ? 0 : gx / (gx + y.next()));
  };
}

describe("gamma and scaled beta with shared shapes", () => {
  it("draw what the unshared samplers drew, draw for draw, for shapes below, at and above 1", () => {
    for (const k of [0.05, 0.5, 1, 1.5, 2, 5, 30]) {
      const ours = gammaSampler(streamFor(3, `g/${k}`), k);
      const ref = new ReferenceGamma(streamFor(3, `g/${k}`), k);
      let differ = 0;
      for (let i = 0; i < 20_000; i++) if (ours() !== ref.next()) differ++;
      expect(differ, `k = ${k}`).toBe(0);
    }
  });

  it("many samplers of one params object (one disk spec for every node) each draw what its own sampler drew", () => {
    const spec = { min: 800, max: 1800, alpha: 2, beta: 5 };
    const count = 50;
    const ours = Array.from({ length: count }, (_, i) => scaledBetaSampler(streamFor(9, `node/${i}/disk`), spec));
    const refs = Array.from({ length: count }, (_, i) => referenceBeta(streamFor(9, `node/${i}/disk`), spec));
    let differ = 0;
    for (let round = 0; round < 2_000; round++) for (let i = 0; i < count; i++) if (ours[i]() !== refs[i]()) differ++;
    expect(differ).toBe(0);
  });

  it("a params object changed after a first sampler gives the next sampler its new values", () => {
    const spec = { min: 0, max: 1, alpha: 0.5, beta: 0.5 };
    scaledBetaSampler(streamFor(1, "first"), spec);
    spec.alpha = 3;
    spec.max = 10;
    const ours = scaledBetaSampler(streamFor(1, "second"), spec);
    const ref = referenceBeta(streamFor(1, "second"), { ...spec });
    let differ = 0;
    for (let i = 0; i < 5_000; i++) if (ours() !== ref()) differ++;
    expect(differ).toBe(0);
  });
});
