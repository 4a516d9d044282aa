import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { fixedLimit } from "../../../src/model/limit/fixed-limit.js";
import { Limiter } from "../../../src/model/limit/limiter.js";
import { PriorityShedding } from "../../../src/model/limit/priority-shedding.js";
import { AttemptKind, OpCode, Outcome } from "../../../src/model/request/codes.js";
import { ReplicaWork, type ReplicaRound } from "../../../src/model/request/replica-work.js";
import { ServerNode } from "../../../src/model/server/server-node.js";
import { constant, nodeConfig } from "../tiny-world.js";

const [CRITICAL, BACKGROUND, RETRY] = [0, 1, 2];
const { FIRST, HEDGE, RETRY: RETRY_KIND } = AttemptKind;

describe("PriorityShedding levels", () => {
  test("a namespace's first attempts keep its criticality; marked retries and hedges take the less critical", () => {
    const p = new PriorityShedding({ shares: [1, 0.75, 0.5], namespaces: [CRITICAL, BACKGROUND], retries: RETRY, hedges: BACKGROUND });
    expect([p.level(0, FIRST), p.level(0, HEDGE), p.level(0, RETRY_KIND)]).toEqual([CRITICAL, BACKGROUND, RETRY]);
    // A background request's hedge is no more critical than the request.
    expect([p.level(1, FIRST), p.level(1, HEDGE), p.level(1, RETRY_KIND)]).toEqual([BACKGROUND, BACKGROUND, RETRY]);
    const unmarked = new PriorityShedding({ shares: [1, 0.75, 0.5], namespaces: [BACKGROUND] });
    expect([unmarked.level(0, FIRST), unmarked.level(0, HEDGE), unmarked.level(0, RETRY_KIND)]).toEqual([BACKGROUND, BACKGROUND, BACKGROUND]);
  });

  test("rejects shares out of (0, 1], growing shares, and unknown criticalities", () => {
    expect(() => new PriorityShedding({ shares: [1, 0, 0], namespaces: [0] })).toThrow(RangeError);
    expect(() => new PriorityShedding({ shares: [1, 0.5, 0.75], namespaces: [0] })).toThrow(/retry may not get more of the limit than background/);
    expect(() => new PriorityShedding({ shares: [1, 0.5], namespaces: [0] })).toThrow(RangeError);
    expect(() => new PriorityShedding({ shares: [1, 0.5, 0.5], namespaces: [3] })).toThrow(/no criticality 3/);
  });
});

describe("Limiter shares", () => {
  test("a share admits up to floor(share × limit); an idle limiter admits any share", () => {
    const limiter = new Limiter(fixedLimit(10));
    const admitted = (share: number) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter(() => limiter.tryAcquire(share)).length;
    expect(admitted(0.55)).toBe(5);
    expect(admitted(1)).toBe(5); // 5 more, to the whole limit
    const idle = new Limiter(fixedLimit(1));
    expect([idle.tryAcquire(0.1), idle.tryAcquire(0.1)]).toEqual([true, false]);
  });
});

/** A node with `concurrency` slots, a fixed limit and priority shedding; `send(at, namespace, kind)` delivers work. */
function harness(limit: number, shares: number[], namespaces: number[], serviceMean: number | undefined, seed = 1) {
  const engine = new Engine();
  const answers: Array<[number, Outcome, string]> = [];
  const cpu = serviceMean === undefined ? constant(1000) : { dist: "exponential" as const, mean: serviceMean };
  const config = nodeConfig({ concurrency: 1, queueLimit: 1000, limit: { kind: "fixed", limit }, priorityShedding: { shares, namespaces, retries: RETRY, hedges: RETRY }, cpu: { GET: cpu }, disk: constant(0), diskReads: { GET: 0, PUT: 0, SCAN: 0 } });
  const node = new ServerNode(engine, { index: 0, id: "a/0", zone: 0, region: 0 }, config, new RandomStreams(seed), {
    sendAnswer: (_from, work) => answers.push([engine.now, work.answer, (work.round as ReplicaRound & { name: string }).name]),
  });
  const send = (at: number, namespace: number, kind: number, name = "") => {
    const round = { name, op: OpCode.GET, bytes: 0, coordinator: 0, request: { page: undefined, namespace, kind }, answered: () => {} } as unknown as ReplicaRound;
    engine.scheduleAt(at, () => node.deliver(node.receiveWork, new ReplicaWork(round, 0)));
  };
  return { engine, node, answers, send };
}

describe("ServerNode with priority shedding", () => {
  test("with a limit of 4, a retry is shed once 2 are in flight while a first attempt is still admitted", () => {
    const { engine, node, answers, send } = harness(4, [1, 0.5, 0.5], [CRITICAL], undefined);
    send(0, 0, FIRST, "first1");
    send(0, 0, FIRST, "first2");
    send(10, 0, RETRY_KIND, "retry");
    send(20, 0, HEDGE, "hedge");
    send(30, 0, FIRST, "first3");
    engine.run();
    expect(answers).toEqual([
      [10, Outcome.SHED, "retry"],
      [20, Outcome.SHED, "hedge"],
      [1000, Outcome.OK, "first1"],
      [2000, Outcome.OK, "first2"],
      [3000, Outcome.OK, "first3"],
    ]);
    expect([...node.priority!.offered]).toEqual([3, 0, 2]);
    expect([...node.priority!.shed]).toEqual([0, 0, 2]);
  });

  /**
   * M/M/1 with a limit L on work in the node and a threshold T for background work: a birth-death
   * chain with birth rate λc + λb below T, λc from T to L, death rate μ. By PASTA a background
   * arrival is shed with probability P(n ≥ T) and a critical one with P(n = L).
   */
  function closedForm(lc: number, lb: number, mu: number, L: number, T: number) {
    const w = [1];
    for (let n = 1; n <= L; n++) w.push(w[n - 1] * ((n <= T ? lc + lb : lc) / mu));
    const sum = w.reduce((a, x) => a + x, 0);
    return { background: w.slice(T).reduce((a, x) => a + x, 0) / sum, critical: w[L] / sum };
  }

  function simulate(lc: number, lb: number, L: number, share: number, arrivals: number) {
    const { engine, node, send } = harness(L, [1, share, share], [CRITICAL, BACKGROUND], 1000, 7);
    const draw = new RandomStreams(11).stream("test/arrivals");
    let t = 0;
    for (let i = 0; i < arrivals; i++) {
      t += Math.max(1, Math.round((-Math.log(1 - draw()) / (lc + lb)) * 1000));
      send(t, draw() < lc / (lc + lb) ? 0 : 1, FIRST);
    }
    engine.run();
    const p = node.priority!;
    return { critical: p.shed[CRITICAL] / p.offered[CRITICAL], background: p.shed[BACKGROUND] / p.offered[BACKGROUND] };
  }

  test("under overload (1.2× capacity) background is shed first, as the birth-death chain predicts", () => {
    // λc = λb = 0.6 per ms, μ = 1 per ms, L = 8, T = 4: background shed 47.1%, critical 2.6%.
    const expected = closedForm(0.6, 0.6, 1, 8, 4);
    const seen = simulate(0.6, 0.6, 8, 0.5, 200_000);
    expect(expected.background).toBeCloseTo(0.471, 3);
    // Tolerance: 200 k arrivals, sd of a shed share about 0.002 (with correlation): ±0.015 absolute.
    expect(Math.abs(seen.background - expected.background)).toBeLessThan(0.015);
    expect(Math.abs(seen.critical - expected.critical)).toBeLessThan(0.01);
    expect(seen.background).toBeGreaterThan(10 * seen.critical);
  });

  test("with capacity for the critical load, critical availability is about 1 however much background is offered", () => {
    // λc = 0.6 alone fits; λb = 1.4 takes the total to 2× capacity. L = 32, T = 16.
    const expected = closedForm(0.6, 1.4, 1, 32, 16);
    expect(expected.critical).toBeLessThan(0.001);
    const seen = simulate(0.6, 1.4, 32, 0.5, 200_000);
    expect(seen.critical).toBeLessThan(0.002);
    expect(Math.abs(seen.background - expected.background)).toBeLessThan(0.015);
  });
});
