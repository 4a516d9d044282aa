import { describe, expect, test } from "vitest";
import { streamFor } from "../../src/engine/random-streams.js";
import { replicateDecision } from "../../src/experiment/decision-runs.js";
import { estimate } from "../../src/experiment/statistics.js";
import { judge, needMore, rankCandidates } from "../../src/experiment/ranking.js";
import type { ReplicatedPoint } from "../../src/experiment/replications.js";

/** Standard normal draws from a named stream (Box–Muller). */
function normals(name: string, n: number): number[] {
  const u = streamFor(1, name);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

/**
 * Paired synthetic replications: candidate k's replication i is mean_k + common_i + own_k,i, the
 * common part (sd `shared`) the same for every candidate (as common random numbers make it).
 */
function paired(means: readonly number[], shared: number, own: number, n: number) {
  const common = normals("common", n);
  return means.map((m, k) => {
    const mine = normals(`own/${k}`, n);
    return { name: `c${k}`, values: common.map((c, i) => m + shared * c + own * mine[i]) };
  });
}

describe("judge: a pair's verdict from its paired 95% interval", () => {
  test("hand-computed: differences 1, 2, 3 have mean 2, sd 1, half-width 4.303/√3 = 2.484: [−0.48, 4.48] is unresolved", () => {
    const e = estimate([1, 2, 3]);
    expect(e.ci95[0]).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 3);
    const d = { mean: 2, ci95Low: e.ci95[0], ci95High: e.ci95[1], n: 3 };
    expect(judge(d, 0)).toBe("unresolved");
    // A margin of 5 (either way) holds the whole interval: tied, closer than matters.
    expect(judge(d, 5)).toBe("tied");
  });

  test("an interval above 0 is resolved; one pair or none is unresolved", () => {
    expect(judge({ mean: 3, ci95Low: 0.1, ci95High: 6, n: 4 }, 0)).toBe("resolved");
    expect(judge({ mean: 3, ci95Low: NaN, ci95High: NaN, n: 1 }, 100)).toBe("unresolved");
  });

  test("identical candidates (every difference 0) are tied even at a zero margin", () => {
    const r = rankCandidates([{ name: "a", values: [3, 5, 4] }, { name: "b", values: [3, 5, 4] }], 0);
    expect(r.pairs[0].verdict).toBe("tied");
  });
});

describe("rankCandidates", () => {
  test("safest first by mean; equal means keep the input order; a bad margin is a RangeError", () => {
    const r = rankCandidates([{ name: "x", values: [5, 7] }, { name: "y", values: [1, 3] }, { name: "z", values: [6, 6] }, { name: "w", values: [2, 2] }], 0);
    expect(r.order).toEqual([1, 3, 0, 2]);
    expect(r.pairs.map((p) => `${p.safer}<${p.riskier}`)).toEqual(["y<w", "w<x", "x<z"]);
    expect(() => rankCandidates([], -1)).toThrow(RangeError);
  });

  test("common random numbers: a difference of 1 under shared noise of sd 10 is resolved paired, though the unpaired intervals overlap", () => {
    const [a, b] = paired([20, 21], 10, 0.2, 8);
    const r = rankCandidates([b, a], 0.01);
    expect(r.order).toEqual([1, 0]);
    expect(r.pairs[0].verdict).toBe("resolved");
    // Paired: the differences are 1 + 0.2·(e_b − e_a), sd ≈ 0.28, so the interval is ≈ 1 ± 0.24.
    expect(r.pairs[0].difference.ci95Low).toBeGreaterThan(0.5);
    expect(r.pairs[0].difference.ci95High).toBeLessThan(1.5);
    const ea = estimate(a.values);
    const eb = estimate(b.values);
    expect(eb.ci95[0]).toBeLessThan(ea.ci95[1]); // unpaired, they overlap
  });

  test("a pair neither resolved nor tied is unresolved below the cap and capped at it; needMore names its candidates", () => {
    const cands = paired([10, 10.3, 30], 5, 3, 5);
    const below = rankCandidates(cands, 0.001, 30);
    expect(below.pairs.find((p) => p.riskier === "c2" || p.safer === "c2")!.verdict).toBe("resolved");
    const close = below.pairs.find((p) => p.verdict !== "resolved")!;
    expect(close.verdict).toBe("unresolved");
    expect(needMore(below, cands, 30)).toEqual([0, 1]);
    const at = rankCandidates(cands, 0.001, 5);
    expect(at.pairs.filter((p) => p.verdict === "capped")).toHaveLength(1);
    expect(needMore(at, cands, 5)).toEqual([]);
  });
});

describe("replicateDecision: the stopping rule's rounds", () => {
  /** Runs the rounds on synthetic figures instead of simulations: a store that has every replication. */
  async function rounds(means: readonly number[], shared: number, own: number, plan: { first: number; batch: number; cap: number; margin: number }) {
    const n = 200;
    const data = paired([...means, 0], shared, own, n);
    const store = { get: (point: string, i: number) => [data[Number(point.slice(1))].values[i]], put: () => {} };
    const point = (k: number): ReplicatedPoint => ({ name: `c${k}`, task: { kind: "fleet", config: undefined as never, seed: 1, index: 0 } });
    return replicateDecision(
      means.map((_, k) => point(k)),
      point(means.length),
      { ...plan, figure: 0, workers: 1, store },
    );
  }

  test("well separated candidates: resolved in the first round, nothing more run", async () => {
    const r = await rounds([30, 10, 20], 5, 1, { first: 5, batch: 5, cap: 30, margin: 0.05 });
    expect(r.rounds).toBe(1);
    expect(r.ranking.order).toEqual([1, 2, 0]);
    expect(r.ranking.pairs.every((p) => p.verdict === "resolved")).toBe(true);
    expect(r.candidates.map((c) => c.length)).toEqual([5, 5, 5]);
    expect(r.baseline).toHaveLength(5);
  });

  test("a close pair gets batches until its interval excludes 0; the others stay at the first round; the baseline keeps up", async () => {
    // Difference 1 with own noise sd 2 per candidate: the paired sd is 2√2 ≈ 2.8, resolved once 2.1·2.8/√n < 1, n ≈ 35 on average.
    const r = await rounds([10, 11, 40], 5, 2, { first: 5, batch: 5, cap: 100, margin: 0 });
    expect(r.ranking.pairs.every((p) => p.verdict === "resolved")).toBe(true);
    expect(r.candidates[2]).toHaveLength(5);
    expect(r.candidates[0].length).toBeGreaterThan(5);
    expect(r.candidates[0].length).toBe(r.candidates[1].length);
    expect(r.baseline.length).toBe(r.candidates[0].length);
    expect(r.rounds).toBe((r.candidates[0].length - 5) / 5 + 1);
  });

  test("a pair no cap can resolve (equal means, noisy) stops at the cap and says so", async () => {
    const r = await rounds([10, 10, 40], 5, 2, { first: 5, batch: 5, cap: 15, margin: 0 });
    expect(r.rounds).toBe(3);
    expect(r.ranking.pairs.map((p) => p.verdict).sort()).toEqual(["capped", "resolved"]);
    expect(r.candidates[0]).toHaveLength(15);
  });

  test("the same pair with a practical margin of 50% is declared tied instead", async () => {
    const r = await rounds([10, 10, 40], 5, 2, { first: 5, batch: 5, cap: 100, margin: 0.5 });
    expect(r.ranking.pairs.map((p) => p.verdict).sort()).toEqual(["resolved", "tied"]);
  });
});
