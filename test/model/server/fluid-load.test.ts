import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { ms, seconds } from "../../../src/engine/time.js";
import { OpCode, Outcome } from "../../../src/model/request/codes.js";
import { ReplicaWork, type ReplicaRound } from "../../../src/model/request/replica-work.js";
import { FluidLoad, type NodeLoad } from "../../../src/model/server/fluid-load.js";
import { ServerNode } from "../../../src/model/server/server-node.js";
import { constant, nodeConfig } from "../tiny-world.js";

/**
 * The fluid's estimate of each node's load from the sampled work: GETs of 1 ms CPU + 4 ms disk
 * (5 ms), arriving every `gap` µs at the nodes of zone 0, of which `sample` is the share simulated.
 */
function estimate(sample: number, gapUs: number, until: number, nodes = 2) {
  const load = new FluidLoad({ sample, window: seconds(1) }, nodeConfig(), [nodes], new RandomStreams(1));
  for (let t = gapUs; t <= until; t += gapUs) load.arrived(0, OpCode.GET, t);
  return load;
}

const out = (): NodeLoad => ({ offered: 0, meanService: 0, scv: 1 });

describe("FluidLoad", () => {
  test("sampled arrivals every 1 ms at 10%: each of 2 nodes is offered 10,000/s ÷ 2 × 5 ms = 25 slots", () => {
    const load = estimate(0.1, 1000, seconds(10));
    const now = load.at(0, seconds(10), 1, out());
    // A constant rate: the exponential average holds it exactly (to the discreteness of the arrivals).
    expect(now.offered).toBeCloseTo(25, 1);
    expect(now.meanService).toBeCloseTo(5000, 6);
    expect(now.scv).toBeCloseTo(0, 9);
  });

  test("a degraded disk stretches only the disk's share; a node down spreads the zone's load over the rest", () => {
    const load = estimate(0.1, 1000, seconds(10));
    expect(load.at(0, seconds(10), 3, out()).meanService).toBeCloseTo(1000 + 3 * 4000, 6);
    load.nodeDown(0);
    expect(load.at(0, seconds(10), 1, out()).offered).toBeCloseTo(50, 1);
  });

  test("a node offered 25 of 100 slots is not near saturation; the time is accounted", () => {
    const load = estimate(0.1, 1000, seconds(10));
    load.account(seconds(1), false);
    expect(load.nearSaturationTime).toBe(0);
    expect(load.accountedTime).toBe(seconds(1));
  });

  test("after the arrivals stop, the estimate decays as e^(−t/window)", () => {
    const load = estimate(0.1, 1000, seconds(10));
    expect(load.at(0, seconds(12), 1, out()).offered / 25).toBeCloseTo(Math.exp(-2), 2);
  });
});

describe("a node under hybrid fidelity", () => {
  /** One node of 4 slots, 1 ms CPU and no disk; the fluid says 8,000/s (2 sampled per ms at 25%): 8 slots offered, twice its capacity. */
  test("past saturation the backlog fills to the queue limit and sheds sampled work at 1 − slots/offered", () => {
    const engine = new Engine();
    const config = nodeConfig({ concurrency: 4, queueLimit: 100, diskReads: { GET: 0, PUT: 0, SCAN: 0 }, cpu: { GET: constant(1000) } });
    const streams = new RandomStreams(7);
    const fluid = new FluidLoad({ sample: 0.25, window: ms(100) }, config, [1], streams);
    let shed = 0;
    let served = 0;
    const node = new ServerNode(engine, { index: 0, id: "z/0", zone: 0, region: 0 }, config, streams, {
      sendAnswer: (_n, w) => (w.answer === Outcome.SHED ? shed++ : served++),
    }, fluid);
    const round = { op: OpCode.GET, bytes: 0, coordinator: 0, request: { page: undefined }, answered: () => {} } as unknown as ReplicaRound;
    for (let t = 500; t < seconds(20); t += 500) engine.scheduleAt(t, () => node.deliver(node.receiveWork, new ReplicaWork(round, 0)));
    engine.run({ until: seconds(21) });
    // 8 slots offered on 4: half is shed once the queue is full (after ~100 × 1 ms / 4 = 25 ms).
    expect(shed / (shed + served)).toBeGreaterThan(0.45);
    expect(shed / (shed + served)).toBeLessThan(0.55);
    // Offered at twice the slots from the first estimate on: all of the node's time is near saturation.
    expect(fluid.nearSaturationTime / fluid.accountedTime).toBeGreaterThan(0.99);
  });
});
