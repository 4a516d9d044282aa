import { describe, expect, test } from "vitest";
import { bisect, searchPlan, type Trial } from "../../src/experiment/plan/plan-search.js";
import { allCandidates, type Candidate } from "../../src/experiment/plan/plan-space.js";

/** A small deterministic generator for the synthetic cases (a 32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("bisect", () => {
  test("finds the lowest feasible index of a monotone predicate, with at most ⌈log2 n⌉ + 1 probes", async () => {
    for (let n = 1; n <= 20; n++) {
      for (let threshold = 0; threshold <= n; threshold++) {
        let probes = 0;
        const found = await bisect(n, async (i) => {
          probes++;
          return i >= threshold;
        });
        expect(found).toBe(threshold === n ? -1 : threshold);
        expect(probes).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
      }
    }
  });
});

describe("searchPlan", () => {
  /**
   * Synthetic plans: knob 0 a node count (monotone: feasible from a threshold that depends on
   * the other knobs' choices), knob 1 an instance type with its price, knob 2 a free setting.
   * Brute force over every candidate says what the cheapest and the next cheapest are.
   */
  test("on 200 random monotone plans, the choice and runner-up cost what brute force finds, trying fewer candidates", async () => {
    const random = lcg(20261205);
    let triedTotal = 0;
    let spaceTotal = 0;
    for (let round = 0; round < 200; round++) {
      const sizes = [2 + Math.floor(random() * 9), 1 + Math.floor(random() * 3), 1 + Math.floor(random() * 2)];
      const price = Array.from({ length: sizes[1] }, () => 1 + Math.floor(random() * 20) / 10);
      const threshold = new Map<string, number>();
      for (const other of allCandidates([1, sizes[1], sizes[2]])) threshold.set(`${other[1]},${other[2]}`, Math.floor(random() * (sizes[0] + 1)));
      const feasible = (c: Candidate) => c[0] >= threshold.get(`${c[1]},${c[2]}`)!;
      const cost = (c: Candidate) => (c[0] + 1) * 3 * price[c[1]];
      const evaluate = async (c: Candidate): Promise<Trial> => ({ candidate: c, feasible: feasible(c), cost: cost(c) });

      const result = await searchPlan(sizes, [true, false, false], evaluate);
      const everyFeasible = allCandidates(sizes).filter(feasible).map(cost).sort((a, b) => a - b);
      expect(result.choice?.cost).toBe(everyFeasible[0]);
      expect(result.runnerUp?.cost).toBe(everyFeasible[1]);
      expect(result.spaceSize).toBe(sizes[0] * sizes[1] * sizes[2]);
      // Per combination of the others: the top, the bisection, and one step above the choice.
      const bound = sizes[1] * sizes[2] * (Math.ceil(Math.log2(sizes[0])) + 1) + 1;
      expect(result.trials.length).toBeLessThanOrEqual(bound);
      for (const t of result.trials) expect(t.feasible).toBe(feasible(t.candidate));
      triedTotal += result.trials.length;
      spaceTotal += result.spaceSize;
    }
    expect(triedTotal).toBeLessThan(0.8 * spaceTotal);
  });

  test("without a monotone knob every candidate is tried, once", async () => {
    const seen: string[] = [];
    const result = await searchPlan([3, 2], [false, false], async (c) => {
      seen.push(c.join(","));
      return { candidate: c, feasible: c[0] + c[1] >= 2, cost: 10 * c[0] + c[1] };
    });
    expect(seen).toEqual(["0,0", "0,1", "1,0", "1,1", "2,0", "2,1"]);
    expect(result.choice?.candidate).toEqual([1, 1]);
    expect(result.runnerUp?.candidate).toEqual([2, 0]);
  });

  test("no feasible candidate: no choice and no runner-up, every trial kept", async () => {
    const result = await searchPlan([4, 2], [true, false], async (c) => ({ candidate: c, feasible: false, cost: c[0] }));
    expect(result.choice).toBeUndefined();
    expect(result.runnerUp).toBeUndefined();
    // The top of each combination fails: nothing below it is tried.
    expect(result.trials.map((t) => t.candidate)).toEqual([[3, 0], [3, 1]]);
  });

  test("equal costs go to the candidate tried first", async () => {
    const result = await searchPlan([2, 2], [false, false], async (c) => ({ candidate: c, feasible: true, cost: 5 }));
    expect(result.choice?.candidate).toEqual([0, 0]);
    expect(result.runnerUp?.candidate).toEqual([0, 1]);
  });
});
