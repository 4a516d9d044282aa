import { describe, expect, test } from "vitest";
import { streamFor } from "../../../../src/engine/random-streams.js";
import { BALANCERS } from "../../../../src/model/client/balancer/balancer.js";
import { ChoiceOfTwoBalancer } from "../../../../src/model/client/balancer/choice-of-two-balancer.js";
import { LeastOutstandingBalancer } from "../../../../src/model/client/balancer/least-outstanding-balancer.js";
import { makeBalancer } from "../../../../src/model/client/balancer/make-balancer.js";
import { RandomBalancer } from "../../../../src/model/client/balancer/random-balancer.js";
import { RoundRobinBalancer } from "../../../../src/model/client/balancer/round-robin-balancer.js";
import { WeightedChoiceOfN } from "../../../../src/model/client/balancer/weighted-choice-of-n.js";
import { pickContext, pickCounts, shareTolerance } from "./pick-context.js";

const SEED = 7;
const N = 30_000;

describe("every balancer", () => {
  test.each(BALANCERS)("%s returns a candidate and never `avoid` when another exists", (name) => {
    const balancer = makeBalancer(name, streamFor(SEED, name));
    const ctx = pickContext(10, { outstanding: [0, 0, 3, 0, 0, 0, 1, 0, 2, 0], replicas: [2, 4] });
    const counts = pickCounts(balancer, [2, 4, 6, 8], ctx, 4, 1_000);
    expect(counts[4]).toBe(0);
    expect(counts[2] + counts[6] + counts[8]).toBe(1_000);
  });

  test.each(BALANCERS)("%s returns `avoid` when it is the only candidate, and ignores an absent or −1 avoid", (name) => {
    const balancer = makeBalancer(name, streamFor(SEED, name));
    const ctx = pickContext(10);
    expect(balancer.pick([4], ctx, 4)).toBe(4);
    expect([2, 4]).toContain(balancer.pick([2, 4], ctx, 9));
    expect([2, 4]).toContain(balancer.pick([2, 4], ctx, -1));
  });

  test("makeBalancer builds the named policy", () => {
    const source = streamFor(SEED, "make");
    expect(makeBalancer("random", source)).toBeInstanceOf(RandomBalancer);
    expect(makeBalancer("roundRobin", source)).toBeInstanceOf(RoundRobinBalancer);
    expect(makeBalancer("leastOutstanding", source)).toBeInstanceOf(LeastOutstandingBalancer);
    expect(makeBalancer("choiceOfTwo", source)).toBeInstanceOf(ChoiceOfTwoBalancer);
    const weighted = makeBalancer("weightedChoiceOfN", source, { n: 5 });
    expect(weighted).toBeInstanceOf(WeightedChoiceOfN);
    expect((weighted as WeightedChoiceOfN).options).toEqual({ n: 5, crossZonePenalty: 2, nonReplicaPenalty: 2, unhealthyWeight: 1 });
    // A wider config object passes straight through; only the four options are kept.
    const config = { policy: "weightedChoiceOfN", n: 4, crossZonePenalty: 3, nonReplicaPenalty: 1.5, unhealthyWeight: 0, healthHalfLife: 50 };
    expect((makeBalancer("weightedChoiceOfN", source, config) as WeightedChoiceOfN).options).toEqual({
      n: 4,
      crossZonePenalty: 3,
      nonReplicaPenalty: 1.5,
      unhealthyWeight: 0,
    });
  });
});

describe("RandomBalancer", () => {
  test(`spreads evenly over the candidates other than avoid (N = ${N}, 5σ)`, () => {
    const counts = pickCounts(new RandomBalancer(streamFor(SEED, "random")), [0, 1, 2, 3], pickContext(4), 1, N);
    for (const node of [0, 2, 3]) expect(Math.abs(counts[node] / N - 1 / 3)).toBeLessThan(shareTolerance(1 / 3, N));
  });
});

describe("RoundRobinBalancer", () => {
  test("visits every candidate once per cycle, in order", () => {
    const balancer = new RoundRobinBalancer(streamFor(SEED, "rr"));
    const candidates = [3, 5, 7, 9];
    const picks = Array.from({ length: 12 }, () => balancer.pick(candidates, pickContext(10), -1));
    for (let cycle = 0; cycle < 3; cycle++) expect([...picks.slice(4 * cycle, 4 * cycle + 4)].sort()).toEqual(candidates);
    const start = candidates.indexOf(picks[0]);
    expect(picks.slice(0, 4)).toEqual([0, 1, 2, 3].map((k) => candidates[(start + k) % 4]));
  });

  test("clients start at different positions", () => {
    const firsts = new Set(Array.from({ length: 20 }, (_, seed) => new RoundRobinBalancer(streamFor(seed, "rr")).pick([3, 5, 7, 9], pickContext(10), -1)));
    expect(firsts.size).toBeGreaterThan(1);
  });

  test("skipping avoid moves the cycle on past it", () => {
    const balancer = new RoundRobinBalancer(() => 0); // starts at position 0
    const ctx = pickContext(10);
    expect(balancer.pick([3, 5, 7], ctx, 3)).toBe(5);
    expect(balancer.pick([3, 5, 7], ctx, -1)).toBe(7);
    expect(balancer.pick([3, 5, 7], ctx, -1)).toBe(3);
  });
});

describe("LeastOutstandingBalancer", () => {
  test("picks the candidate with the fewest outstanding", () => {
    const balancer = new LeastOutstandingBalancer(streamFor(SEED, "lo"));
    const ctx = pickContext(5, { outstanding: [4, 2, 7, 1, 3] });
    expect(balancer.pick([0, 1, 2, 3, 4], ctx, -1)).toBe(3);
    expect(balancer.pick([0, 1, 2, 3, 4], ctx, 3)).toBe(1);
  });

  test(`breaks ties uniformly (N = ${N}, 5σ)`, () => {
    const ctx = pickContext(5, { outstanding: [1, 1, 5, 1, 1] });
    const counts = pickCounts(new LeastOutstandingBalancer(streamFor(SEED, "lo-ties")), [0, 1, 2, 3, 4], ctx, 4, N);
    expect(counts[2] + counts[4]).toBe(0);
    for (const node of [0, 1, 3]) expect(Math.abs(counts[node] / N - 1 / 3)).toBeLessThan(shareTolerance(1 / 3, N));
  });
});

describe("ChoiceOfTwoBalancer", () => {
  test(`with three distinct loads: P(best) = 2/3, P(middle) = 1/3, P(worst) = 0 (N = ${N}, 5σ)`, () => {
    // Each of the three pairs is drawn with probability 1/3 and its lighter node wins: the best
    // is in two pairs, the middle wins only against the worst, the worst never wins.
    const ctx = pickContext(4, { outstanding: [0, 2, 5, 9] });
    const counts = pickCounts(new ChoiceOfTwoBalancer(streamFor(SEED, "p2c")), [0, 1, 2, 3], ctx, 0, N);
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(Math.abs(counts[1] / N - 2 / 3)).toBeLessThan(shareTolerance(2 / 3, N));
    expect(Math.abs(counts[2] / N - 1 / 3)).toBeLessThan(shareTolerance(1 / 3, N));
  });

  test(`with equal loads, picks each of two candidates half the time (N = ${N}, 5σ)`, () => {
    const counts = pickCounts(new ChoiceOfTwoBalancer(streamFor(SEED, "p2c-ties")), [0, 1], pickContext(2), -1, N);
    expect(Math.abs(counts[0] / N - 1 / 2)).toBeLessThan(shareTolerance(1 / 2, N));
  });
});

describe("WeightedChoiceOfN", () => {
  // Six nodes, two per zone; the key's replicas are 0, 2, 4 (one per zone); the client is in zone 0.
  const zones = [0, 0, 1, 1, 2, 2];
  const replicas = [0, 2, 4];
  const all = [0, 1, 2, 3, 4, 5];
  const ctxWith = (outstanding = [0, 0, 0, 0, 0, 0], health = [1, 1, 1, 1, 1, 1]) =>
    pickContext(6, { nodeZone: zones, clientZone: 0, replicas, outstanding, health });

  test("scores idle nodes 1 (local replica), 2 (cross-zone replica or local non-replica), 4 (neither)", () => {
    const balancer = new WeightedChoiceOfN(streamFor(SEED, "wcn"));
    expect(all.map((node) => balancer.score(node, ctxWith()))).toEqual([1, 2, 2, 4, 2, 4]);
  });

  test("with equal loads, keeps all traffic on the local replica when every candidate is scored", () => {
    const counts = pickCounts(new WeightedChoiceOfN(streamFor(SEED, "wcn"), { n: 6 }), all, ctxWith(), -1, 1_000);
    expect(counts[0]).toBe(1_000);
  });

  test("token aware: the key's replicas are always weighed, so with equal queues the local replica always wins", () => {
    // Before token awareness, with n = 3 of 6 the local replica was sampled only half the time.
    const counts = pickCounts(new WeightedChoiceOfN(streamFor(SEED, "wcn3")), all, ctxWith(), -1, 1_000);
    expect(counts[0]).toBe(1_000);
  });

  test("spills off the local replica once its queue grows: (3 + 1)·1 > (0 + 1)·2", () => {
    const balancer = new WeightedChoiceOfN(streamFor(SEED, "wcn-spill"));
    expect(pickCounts(balancer, replicas, ctxWith([0, 0, 0, 0, 0, 0]), -1, 100)[0]).toBe(100);
    const overloaded = pickCounts(balancer, replicas, ctxWith([3, 0, 0, 0, 0, 0]), -1, 1_000);
    expect(overloaded[0]).toBe(0);
    expect(overloaded[2] + overloaded[4]).toBe(1_000);
    // At (1 + 1)·1 = (0 + 1)·2 all three replicas tie and share the traffic.
    const tied = pickCounts(balancer, replicas, ctxWith([1, 0, 0, 0, 0, 0]), -1, N);
    for (const node of replicas) expect(Math.abs(tied[node] / N - 1 / 3)).toBeLessThan(shareTolerance(1 / 3, N));
  });

  test("an unhealthy local replica loses; unhealthyWeight 0 ignores health", () => {
    const sick = ctxWith(undefined, [3, 1, 1, 1, 1, 1]);
    expect(new WeightedChoiceOfN(streamFor(SEED, "wcn-h"), { n: 6 }).pick(replicas, sick, -1)).not.toBe(0);
    expect(new WeightedChoiceOfN(streamFor(SEED, "wcn-h0"), { n: 6, unhealthyWeight: 0 }).pick(replicas, sick, -1)).toBe(0);
  });

  test("a hedge that avoids the local replica goes to the next best", () => {
    const counts = pickCounts(new WeightedChoiceOfN(streamFor(SEED, "wcn-avoid"), { n: 6 }), all, ctxWith(), 0, 3_000);
    expect(counts[0] + counts[3] + counts[5]).toBe(0);
    expect(Math.min(counts[1], counts[2], counts[4])).toBeGreaterThan(0);
  });

  test("rejects bad options", () => {
    const source = streamFor(SEED, "wcn-bad");
    expect(() => new WeightedChoiceOfN(source, { n: 0 })).toThrow(RangeError);
    expect(() => new WeightedChoiceOfN(source, { crossZonePenalty: 0.5 })).toThrow(RangeError);
    expect(() => new WeightedChoiceOfN(source, { unhealthyWeight: -1 })).toThrow(RangeError);
  });
});
