import { describe, expect, test } from "vitest";
import type { ReplacementConfig } from "../../../src/model/config.js";
import { peersOf } from "../../../src/model/operations/node-replacement.js";
import { World } from "../../../src/model/world.js";
import { tinySimulation } from "../tiny-world.js";

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * Closed forms, from the loss at t0 to the replacement serving (F failure detection, P provision,
 * S state, w write rate, b stream bandwidth, B download bandwidth, A snapshot age, R re-attach):
 *   a backlog D streamed while writes add w: b·t = D + w·t, so t = D/(b − w);
 *   stream:   T = F + P + S/(b − w)                         (the live state, writes arriving)
 *   snapshot: T = F + P + S/B + w(A + F + P + S/B)/(b − w)  (download, then every write since the backup)
 *   reattach: T = F + P + R + w(F + P + R)/(b − w)          (re-attach, then every write since the loss)
 * The model streams in rounds (each the backlog written during the last) and stops after the
 * first round of at most `cutover`: it falls short of the limit by at most cutover·w/(b − w).
 */
const F = 2;
const P = 10;
const S = GiB;
const w = 10 * MiB;
const b = 100 * MiB;
const B = 500 * MiB;
const A = 60;
const R = 30;
const CUTOVER = 1;
const closedForm = {
  stream: F + P + S / (b - w),
  snapshot: F + P + S / B + (w * (A + F + P + S / B)) / (b - w),
  reattach: F + P + R + (w * (F + P + R)) / (b - w),
};

const config = (strategy: ReplacementConfig["strategy"], peerSlots = 0): ReplacementConfig => ({
  strategy,
  provision: P * 1e6,
  dataPerNode: S,
  writeRate: w,
  downloadBandwidth: B,
  snapshotAge: A * 1e6,
  streamBandwidth: b,
  reattachTime: R * 1e6,
  peerSlots,
  cutover: CUTOVER * 1e6,
});

/** Loses node a/0 at 5 s for good; returns when the replacement served (s after the loss) and the world. */
function run(replacement: ReplacementConfig | undefined, probe?: (world: World) => void) {
  const sim = tinySimulation({
    duration: 60_000_000,
    rate: 50,
    timeline: [{ kind: "nodeCrash", at: 5_000_000, target: { node: "a/0" } }],
    cluster: { replacement },
  });
  const ops: Array<{ at: number; kind: string; phase: string }> = [];
  const world = new World(sim.world, 7, {
    requests: { onRequestDone: () => {} },
    operations: { onOperation: (e) => ops.push({ at: world.engine.now, kind: e.kind, phase: e.phase }) },
  });
  probe?.(world);
  world.run();
  const served = ops.find((o) => o.kind === "replacement" && o.phase === "mitigated");
  return { world, ops, servedAfterS: served === undefined ? undefined : served.at / 1e6 - 5 };
}

describe("replacement of a lost node", () => {
  for (const strategy of ["stream", "snapshot", "reattach"] as const) {
    test(`${strategy}: serves after the closed form's time, within cutover·w/(b − w)`, () => {
      const { servedAfterS, world } = run(config(strategy));
      const tolerance = (CUTOVER * w) / (b - w) + 1e-5;
      expect(servedAfterS).toBeLessThanOrEqual(closedForm[strategy] + 1e-5);
      expect(servedAfterS).toBeGreaterThanOrEqual(closedForm[strategy] - tolerance);
      expect(world.cluster.nodes[0].up).toBe(true);
      expect(world.replacements!.stats).toMatchObject({ started: 1, serving: 1 });
    });
  }

  test("detected after failure detection; snapshot download and streaming split as S/B and the deltas", () => {
    const { ops, world } = run(config("snapshot"));
    expect(ops.find((o) => o.phase === "detected")!.at).toBe(5_000_000 + F * 1e6);
    const stats = world.replacements!.stats;
    expect(stats.download / 1e6).toBeCloseTo(S / B, 5);
    expect(stats.streaming / 1e6).toBeCloseTo((w * (A + F + P + S / B)) / (b - w), 0);
    expect(stats.rounds).toBeGreaterThan(1);
  });

  test("while streaming, each peer lends peerSlots slots, and gets them back", () => {
    const seen: number[][] = [];
    const { world } = run(config("stream", 3), (world) => {
      for (const at of [4, 20, 40]) world.engine.scheduleAt(at * 1e6, () => seen.push(world.cluster.nodes.map((n) => n.slots)));
    });
    // 3 nodes, RF 3: both others are peers. Before the loss, while streaming (5 + 2 + 10 .. 5 + 23.4 s), after.
    expect(peersOf(world.cluster, 0)).toEqual([1, 2]);
    expect(seen).toEqual([[8, 8, 8], [8, 5, 5], [8, 8, 8]]);
    expect(world.replacements!.stats.peerSlotTime / 1e6).toBeCloseTo(2 * 3 * (S / (b - w)), 0);
  });

  test("without a replacement a lost node stays down; a crash with an end is not a loss", () => {
    expect(run(undefined).world.cluster.nodes[0].up).toBe(false);
    const sim = tinySimulation({
      duration: 20_000_000,
      timeline: [{ kind: "nodeCrash", at: 5_000_000, for: 3_000_000, target: { node: "a/0" } }],
      cluster: { replacement: config("stream") },
    });
    const world = new World(sim.world, 7, { requests: { onRequestDone: () => {} } });
    world.run();
    expect(world.replacements!.stats.started).toBe(0);
    expect(world.cluster.nodes[0].up).toBe(true);
  });

  test("refuses a stream bandwidth at or below the write rate", () => {
    expect(() => run({ ...config("stream"), streamBandwidth: w })).toThrow(/must exceed writeRate/);
  });
});
