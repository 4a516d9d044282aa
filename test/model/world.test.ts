import { describe, expect, test } from "vitest";
import { seconds } from "../../src/engine/time.js";
import { simulate } from "../../src/experiment/simulate.js";
import type { FaultEvent } from "../../src/model/config.js";
import { type Request } from "../../src/model/request/request.js";
import { Outcome } from "../../src/model/request/codes.js";
import { World } from "../../src/model/world.js";
import { constant, tinySimulation } from "./tiny-world.js";

/** Poisson count check: |n − mean| ≤ 4.5 √mean. */
const poisson = (n: number, mean: number) => expect(Math.abs(n - mean)).toBeLessThanOrEqual(4.5 * Math.sqrt(mean));
/** A node crash, or a zone or region outage, by the target named. */
const crash = (at: number, target: FaultEvent["target"], length?: number): FaultEvent => {
  const kind = "zone" in target ? "zoneOutage" : "region" in target ? "regionOutage" : "nodeCrash";
  return length === undefined ? { kind, at, target } : { kind, at, for: length, target };
};
const failedIn = (w: { all: { requests: number; outcomes: readonly number[] } }) => w.all.requests - w.all.outcomes[Outcome.OK];

// tinySimulation: one region, zones a, b, c × 1 node, RF 3, 200 req/s over 3 clients for 30 s,
// windows of 1 s, failure detection 2 s, timeout 100 ms; hops 100 µs (same zone) / 1000 µs (cross).
describe("a healthy cluster", () => {
  const sim = simulate(tinySimulation(), 1);

  test("every request succeeds: availability 1, no episode, no violating window", () => {
    const o = sim.outcome;
    expect(o.availability).toBe(1);
    expect(o.episodes.count).toBe(0);
    expect(o.violatingWindows).toBe(0);
    expect(o.windows).toBe(30);
    expect(o.requests.ok).toBe(o.requests.total);
    poisson(o.requests.total, 200 * 30);
    expect(o.frequency).toEqual({ episodes: 0, scripted: 0, unscripted: 0, perDay: null });
  });

  test("latency follows from the constant hops and service times", () => {
    // Client → coordinator: same zone (100 µs) with chance 1/3, else 1000 µs, each way.
    // Coordinator → the other copy and back: 2000 µs; service 400 µs (GET) or 500 µs (PUT).
    // Mean = 2 (100/3 + 2000/3) + 2000 + 450 = 3850 µs; sd of one latency ≈ 850 µs, so the mean
    // of ~6000 is within ±5 · 850/√5800 ≈ ±56 µs. Max = 2000 + 2000 + 500 = 4500 µs exactly.
    // Nothing failed: client-observed latency is the successes' latency.
    const latency = sim.outcome.latencyMs;
    expect(sim.outcome.successLatencyMs).toEqual(latency);
    expect(Math.abs(latency.all!.mean - 3.85)).toBeLessThan(0.056);
    expect(latency.all!.max).toBe(4.5);
    expect(latency.GET!.max).toBe(4.4);
    expect(latency.PUT!.max).toBe(4.5);
  });
});

describe("zone crashes under LOCAL_QUORUM", () => {
  test("one zone down for 10 s: a blip until detection (2 s) plus a timeout, then fully available", () => {
    const sim = simulate(tinySimulation({ timeline: [crash(seconds(10), { zone: "a" }, seconds(10))] }), 1);
    const w = sim.windows;
    expect(w.slice(0, 10).map(failedIn)).toEqual(new Array(10).fill(0));
    expect(w[10].all.outcomes[Outcome.TIMED_OUT]).toBeGreaterThan(0);
    expect(w[11].all.outcomes[Outcome.TIMED_OUT]).toBeGreaterThan(0);
    expect(w.slice(13).map(failedIn)).toEqual(new Array(17).fill(0));
    const o = sim.outcome;
    expect(o.episodes.count).toBe(1);
    const [e] = o.episodes.list;
    // Located inside its 1 s windows: the first requests time out 100 ms after the crash.
    expect(e.startS).toBeGreaterThanOrEqual(10);
    expect(e.startS).toBeLessThan(10.5);
    expect(e.endS).toBeLessThanOrEqual(13);
    expect(e.scripted).toBe(true);
    expect(e.ongoing).toBe(false);
    expect(e.faults).toEqual(["zoneOutage a"]);
    expect(o.availability).toBeGreaterThan(0.95);
    expect(o.availability).toBeLessThan(1);
  });

  test("two zones down: after detection every request is UNAVAILABLE, and the episode never ends", () => {
    const timeline = [crash(seconds(10), { zone: "a" }), crash(seconds(10), { zone: "b" })];
    const sim = simulate(tinySimulation({ timeline }), 1);
    for (const w of sim.windows.slice(13)) {
      expect(w.all.requests).toBeGreaterThan(0);
      expect(w.all.outcomes[Outcome.UNAVAILABLE]).toBe(w.all.requests);
    }
    // Before detection the coordinator still sends to the dead copies: timeouts, not UNAVAILABLE.
    expect(sim.windows[10].all.outcomes[Outcome.UNAVAILABLE]).toBe(0);
    expect(sim.windows[10].all.outcomes[Outcome.TIMED_OUT]).toBe(sim.windows[10].all.requests);
    const [e] = sim.outcome.episodes.list;
    expect(sim.outcome.episodes.count).toBe(1);
    expect(e.startS).toBeGreaterThanOrEqual(10);
    expect(e.startS).toBeLessThan(10.5);
    // It never recovered: it lasts to the end of the run.
    expect(e.endS).toBe(30);
    expect(e.ongoing).toBe(true);
    expect(e.violatedOps).toEqual(["GET", "PUT"]);
  });

  test("ALL with one node down: UNAVAILABLE from detection on", () => {
    const sim = simulate(tinySimulation({ consistency: "ALL", timeline: [crash(seconds(5), { node: "a/0" })] }), 1);
    expect(sim.windows.slice(0, 5).map(failedIn)).toEqual([0, 0, 0, 0, 0]);
    for (const w of sim.windows.slice(8)) expect(w.all.outcomes[Outcome.UNAVAILABLE]).toBe(w.all.requests);
    expect(sim.outcome.availability).toBeLessThan(0.2);
  });
});

describe("clients and coordinators", () => {
  function runWorld(timeline: readonly FaultEvent[], level: "ONE" | "LOCAL_QUORUM" = "ONE", seed = 3) {
    const done: Array<{ start: number; coordinator: number; outcome: Outcome; latency: number }> = [];
    const config = tinySimulation({ consistency: level, duration: seconds(10), timeline }).world;
    const world = new World(config, seed, {
      requests: { onRequestDone: (r, latency) => done.push({ start: r.start, coordinator: r.coordinator, outcome: r.outcome, latency }) },
    });
    world.run();
    return done;
  }

  test("clients send nothing to a coordinator detected down; until detection, what they send it times out", () => {
    // Crash at 5 s, detected at 7 s (failureDetection 2 s), like peers learn it.
    const done = runWorld([crash(seconds(5), { node: "a/0" })]);
    const after = done.filter((r) => r.start >= seconds(7));
    expect(after.length).toBeGreaterThan(500);
    expect(after.filter((r) => r.coordinator === 0)).toEqual([]);
    expect(after.filter((r) => r.outcome !== Outcome.OK)).toEqual([]);
    const blind = done.filter((r) => r.start >= seconds(5) && r.start < seconds(7) && r.coordinator === 0);
    expect(blind.length).toBeGreaterThan(50);
    expect(blind.every((r) => r.outcome === Outcome.TIMED_OUT)).toBe(true);
    // Before the crash, node 0 took about a third of the requests.
    const before = done.filter((r) => r.start < seconds(5));
    poisson(before.filter((r) => r.coordinator === 0).length, (200 * 5) / 3);
  });

  test("a request nobody answers times out after exactly the client's timeout (100 ms)", () => {
    // Zones a and b die at 5 s; until they are detected (7 s) the coordinator c still waits for them.
    const done = runWorld([crash(seconds(5), { zone: "a" }), crash(seconds(5), { zone: "b" })], "LOCAL_QUORUM");
    const timedOut = done.filter((r) => r.outcome === Outcome.TIMED_OUT);
    expect(timedOut.length).toBeGreaterThan(300);
    expect(timedOut.every((r) => r.latency === 100_000)).toBe(true);
    expect(timedOut.every((r) => r.start >= seconds(5) - 5000 && r.start < seconds(7))).toBe(true);
  });

  test("with the whole region detected down, clients answer UNAVAILABLE themselves, at once", () => {
    const done = runWorld([crash(seconds(5), { region: "r1" })], "LOCAL_QUORUM");
    const after = done.filter((r) => r.start >= seconds(7));
    expect(after.length).toBeGreaterThan(500);
    expect(after.every((r) => r.outcome === Outcome.UNAVAILABLE && r.latency === 0 && r.coordinator === -1)).toBe(true);
  });

  test("an errors fault of share 1 on every node fails every request, and its end heals", () => {
    const errors: FaultEvent = { kind: "errors", at: seconds(2), for: seconds(3), share: 1, target: { all: true } };
    const done = runWorld([errors], "LOCAL_QUORUM");
    // A request answered by the replicas in [2 s, 5 s) fails; allow 10 ms of margin at each edge.
    const inside = done.filter((r) => r.start >= seconds(2.01) && r.start < seconds(4.99));
    const outside = done.filter((r) => r.start < seconds(1.99) || r.start >= seconds(5.01));
    expect(inside.length).toBeGreaterThan(400);
    expect(inside.every((r) => r.outcome === Outcome.FAILED)).toBe(true);
    expect(outside.every((r) => r.outcome === Outcome.OK)).toBe(true);
  });

  test("a disk degraded ×20 on every node slows every request by 19 × the disk time (300 µs)", () => {
    const slow: FaultEvent = { kind: "diskDegradation", at: seconds(2), for: seconds(3), factor: 20, target: { all: true } };
    const done = runWorld([slow], "LOCAL_QUORUM");
    const during = done.filter((r) => r.start >= seconds(2.01) && r.start < seconds(4.99));
    // Latency = client hops + 2000 µs + service; service grows from ≤ 500 µs to ≥ 100 + 6000 µs.
    expect(during.every((r) => r.latency >= 2 * 100 + 2000 + 6100 && r.latency <= 2 * 1000 + 2000 + 6200)).toBe(true);
    const after = done.filter((r) => r.start >= seconds(5.1));
    expect(after.every((r) => r.latency <= 4500)).toBe(true);
  });
});

describe("client placement", () => {
  const twoRegions = tinySimulation({
    cluster: {
      regions: [
        { name: "r1", zones: ["a", "b", "c"], nodesPerZone: 1, replicationFactor: 3 },
        { name: "r2", zones: ["d", "e"], nodesPerZone: 2, replicationFactor: 3 },
      ],
    },
  }).world;

  test("clients live in every zone of the listed regions and pick coordinators there", () => {
    const config = { ...twoRegions, duration: seconds(2), client: { ...twoRegions.client, perZone: 2, regions: ["r2"] } };
    const coordinators = new Set<number>();
    const world = new World(config, 1, { requests: { onRequestDone: (r) => coordinators.add(r.coordinator) } });
    world.run();
    expect(world.clients.map((c) => c.name)).toEqual(["d/0", "d/1", "e/0", "e/1"]);
    expect([...coordinators].sort()).toEqual([3, 4, 5, 6]);
  });

  test("an unknown client region is an error", () => {
    const config = { ...twoRegions, client: { ...twoRegions.client, regions: ["r9"] } };
    expect(() => new World(config, 1, { requests: { onRequestDone: () => {} } })).toThrow(/client region "r9"/);
  });
});

describe("random node failures", () => {
  test("crash counts match the renewal rate 1 / (mtbf + mttr), and up times are exponential", () => {
    // 3 nodes, mtbf 10 s (exponential), mttr 1 s (constant), 10 000 s, no load. Each node is a
    // renewal process with cycle mean μ = 11 s and variance σ² = 100 s²: N(t) has mean t/μ ≈ 909
    // and variance t σ²/μ³ ≈ 751, so 3 nodes: 2727 ± 4.5 · 47.5.
    const config = tinySimulation({
      rate: 0,
      duration: seconds(10_000),
      nodeFailures: { mtbf: seconds(10), mttr: constant(seconds(1)) },
      metrics: { window: seconds(60) },
    });
    const sim = simulate(config, 9);
    const starts = sim.faults.filter((f) => f.kind === "nodeCrash" && f.phase === "start");
    expect(Math.abs(starts.length - (3 * 10_000) / 11)).toBeLessThanOrEqual(4.5 * Math.sqrt(3 * 751.3));
    // Per node: each crash lasts exactly 1 s; the up time before it is exponential(10 s), so a
    // share e^−1 ≈ 0.368 of them exceed 10 s (sd √(0.368 · 0.632 / 2727) ≈ 0.0092; ±5 sd).
    const ups: number[] = [];
    for (const node of ["a/0", "b/0", "c/0"]) {
      const mine = sim.faults.filter((f) => f.target === node);
      let upSince = 0;
      for (let i = 0; i < mine.length; i++) {
        const f = mine[i];
        expect(f.phase).toBe(i % 2 === 0 ? "start" : "end");
        if (f.phase === "start") ups.push(f.at - upSince);
        else {
          expect(f.at - mine[i - 1].at).toBe(seconds(1));
          upSince = f.at;
        }
      }
    }
    const longShare = ups.filter((u) => u > seconds(10)).length / ups.length;
    expect(Math.abs(longShare - Math.exp(-1))).toBeLessThan(5 * 0.0092);
  });
});

describe("determinism and common random numbers", () => {
  const busy = tinySimulation({
    duration: seconds(10),
    timeline: [
      crash(seconds(3), { zone: "b" }, seconds(4)),
      { kind: "gcStorm", at: seconds(1), for: seconds(2), target: { node: "c/0" }, gc: { interval: constant(50_000), pause: constant(20_000) } },
    ],
    nodeFailures: { mtbf: seconds(5), mttr: constant(seconds(1)) },
  });

  test("the same seed gives the same outcome, windows, faults and engine fingerprint", () => {
    const a = simulate(busy, 5);
    const b = simulate(busy, 5);
    expect(b.outcome).toEqual(a.outcome);
    expect(b.windows).toEqual(a.windows);
    expect(b.faults).toEqual(a.faults);
    expect(b.engine).toEqual(a.engine);
  });

  test("another seed gives another run", () => {
    const a = simulate(busy, 5);
    const c = simulate(busy, 6);
    expect(c.engine.fingerprint).not.toBe(a.engine.fingerprint);
    expect(c.faults).not.toEqual(a.faults);
  });

  function issued(timeline: readonly FaultEvent[], nodeFailures?: { mtbf: number; mttr: ReturnType<typeof constant> }) {
    const config = tinySimulation({ duration: seconds(10), timeline, nodeFailures }).world;
    const requests: Request[] = [];
    const faults: string[] = [];
    const world = new World(config, 8, {
      requests: { onRequestDone: (r) => requests.push(r) },
      faults: { onFault: (f) => faults.push(`${world.engine.now} ${f.kind} ${f.target} ${f.phase}`) },
    });
    world.run();
    const key = (r: Request) => [r.start, r.client, r.op, r.key, r.bytes].join(":");
    return {
      arrivals: requests.filter((r) => r.start < seconds(9.8)).map(key).sort(),
      issued: world.requestsIssued,
      faults,
    };
  }

  test("adding faults changes no client's arrivals, ops, keys or sizes", () => {
    const base = issued([]);
    const faulted = issued([
      crash(seconds(2), { node: "a/0" }, seconds(3)),
      { kind: "diskDegradation", at: seconds(1), factor: 50, target: { zone: "b" } },
      { kind: "errors", at: seconds(4), share: 0.5, target: { zone: "c" } },
    ]);
    expect(faulted.arrivals.length).toBeGreaterThan(1500);
    expect(faulted.arrivals).toEqual(base.arrivals);
    expect(faulted.issued).toBe(base.issued);
  });

  test("adding a timeline fault does not move the random node failures", () => {
    const failures = { mtbf: seconds(3), mttr: constant(seconds(0.5)) };
    const only = (faults: string[]) => faults.filter((f) => /nodeCrash /.test(f));
    const base = issued([], failures);
    const more = issued([{ kind: "diskDegradation", at: seconds(1), factor: 5, target: { zone: "b" } }], failures);
    expect(only(base.faults).length).toBeGreaterThan(4);
    expect(only(more.faults)).toEqual(only(base.faults));
  });
});
