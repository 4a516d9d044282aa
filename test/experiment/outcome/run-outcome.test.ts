import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { ms, seconds } from "../../../src/engine/time.js";
import { buildRunOutcome } from "../../../src/experiment/outcome/run-outcome.js";
import { WindowRecorder } from "../../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../../src/model/request/codes.js";

type Fault = [at: number, target: string, phase: "start" | "end", scripted: boolean];
type Op = [at: number, phase: "detected" | "mitigated"];

interface RunOptions {
  faults?: readonly Fault[];
  operations?: readonly Op[];
  /** Latency at which a failed request's client gave up. */
  failLatency?: number;
  stochasticFaults?: boolean;
}

/**
 * Ten 1 s windows of 20 GETs each, one every 50 ms (1 ms, client 0, range 0); in windows `bad`
 * the first 10 fail (client 1, range 1), two per 100 ms sub-window: too thin to place inside the
 * window, so episodes keep the windows' bounds. SLO: p90 ≤ 5 ms, ≤ 10 % errors, 10 requests
 * judge; gaps up to 1 s merge.
 */
function run(bad: readonly number[], options: RunOptions = {}) {
  const duration = seconds(10);
  const engine = new Engine();
  const dims = { ops: ["GET", "PUT"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a", "b"], regions: ["r"], zoneRegion: [0, 0], clientZone: [0, 1], ranges: 4 };
  const slo = { percentile: 90, latency: ms(5), errorRate: 0.1 };
  const recorder = new WindowRecorder(engine, dims, { window: seconds(1), slo: [slo, slo], mergeGap: seconds(1), minRequests: 10 });
  recorder.start();
  for (let i = 0; i < 10; i++) {
    for (let k = 0; k < 20; k++) {
      const f = bad.includes(i) && k < 10;
      engine.scheduleAt(seconds(i) + ms(25 + 50 * k), () =>
        recorder.onRequestDone(
          { op: 0, namespace: 0, outcome: f ? Outcome.FAILED : Outcome.OK, client: f ? 1 : 0, range: f ? 1 : 0 },
          f ? (options.failLatency ?? ms(1)) : ms(1),
        ),
      );
    }
  }
  for (const [at, target, phase, scripted] of options.faults ?? []) engine.scheduleAt(at, () => recorder.onFault({ kind: "crash", target, phase, scripted }));
  for (const [at, phase] of options.operations ?? []) engine.scheduleAt(at, () => recorder.onOperation({ kind: "eject", target: "node", phase }));
  engine.run({ until: duration });
  recorder.finish();
  return buildRunOutcome(recorder, duration, { stochasticFaults: options.stochasticFaults });
}

const DAYS = 10 / 86_400;

describe("buildRunOutcome", () => {
  // Episodes: windows 2–3 ([2, 4] s), window 6 ([6, 7] s) and window 9, still violating at 10 s
  // (the gaps 4–5 and 7–8 last 2 s, more than the 1 s merge gap).
  const faults: Fault[] = [
    [seconds(2.5), "zone a", "start", true], // the timeline's
    [seconds(3.5), "zone a", "end", true],
    [seconds(8.5), "node b/0", "start", false], // a random one, never ended
  ];
  const operations: Op[] = [
    [seconds(2.5), "detected"],
    [seconds(3), "mitigated"],
    [seconds(9.2), "detected"],
  ];
  const o = run([2, 3, 6, 9], { faults, operations, failLatency: ms(50) });

  test("episodes: start, end, duration and whether they recovered", () => {
    expect(o.episodes.count).toBe(3);
    expect(o.episodes.list.map((e) => [e.startS, e.endS, e.durationS, e.ongoing])).toEqual([
      [2, 4, 2, false],
      [6, 7, 1, false],
      [9, 10, 1, true],
    ]);
    expect(o.violatingWindows).toBe(4);
    expect(o.windows).toBe(10);
  });

  test("recovery mean, median and max over the episodes' durations", () => {
    expect(o.recoveryS).toEqual({ mean: 1.33333, p50: 1, max: 2 });
  });

  test("frequency: a scripted fault during an episode makes it scripted; no random faults, no rate", () => {
    expect(o.durationS).toBe(10);
    expect(o.episodes.list.map((e) => e.scripted)).toEqual([true, false, false]);
    expect(o.frequency).toEqual({ episodes: 3, scripted: 1, unscripted: 2, perDay: null });
  });

  test("frequency with random faults: the unscripted episodes per day, with Garwood bounds", () => {
    const { perDay } = run([2, 3, 6, 9], { faults, stochasticFaults: true }).frequency;
    expect(perDay).not.toBeNull();
    expect(perDay!.count).toBe(2);
    expect(perDay!.method).toBe("garwood");
    expect(perDay!.rate).toBeCloseTo(2 / DAYS, 6); // 17 280
    expect(perDay!.exposureDays).toBeCloseTo(DAYS, 12);
    // Garwood 95 % for 2 events: 0.2422–7.2247, per 10 s.
    expect(perDay!.ci95Low * DAYS).toBeCloseTo(0.24221, 4);
    expect(perDay!.ci95High * DAYS).toBeCloseTo(7.22469, 4);
  });

  test("many episodes, all scripted: counted, never a rate", () => {
    const always: Fault[] = [[0, "zone a", "start", true]];
    const f = run([0, 3, 6, 9], { faults: always }).frequency;
    expect(f).toEqual({ episodes: 4, scripted: 4, unscripted: 0, perDay: null });
  });

  test("no episode with random faults: the rule of three, −ln 0.05 ≈ 2.996 per exposure", () => {
    const { perDay } = run([], { stochasticFaults: true }).frequency;
    expect(perDay).toMatchObject({ count: 0, rate: 0, ci95Low: 0, method: "ruleOfThree" });
    expect(perDay!.ci95High * DAYS).toBeCloseTo(2.995732, 4);
  });

  test("availability and nines: 160 of 200 succeeded", () => {
    expect(o.requests).toEqual({ total: 200, ok: 160, failed: 40, timedOut: 0, shed: 0, unavailable: 0 });
    expect(o.availability).toBe(0.8);
    expect(o.nines).toBe(0.699); // −log10(0.2) = 0.69897
  });

  test("client-observed latency counts failures at their give-up latency; success latency does not", () => {
    // 160 at 1 ms and 40 at 50 ms: rank 100 (p50) is 1 ms, to the histogram's 0.39 %; ranks 180
    // (p90) and 198 (p99) are 50 ms; mean (160 + 2000) / 200 = 10.8. Successes only: 1 ms throughout.
    const all = o.latencyMs.all!;
    expect(all.p50).toBeCloseTo(1, 2);
    expect([all.p90, all.p99, all.p999, all.mean, all.max]).toEqual([50, 50, 50, 10.8, 50]);
    expect(o.latencyMs.GET).toEqual(all);
    expect(o.latencyMs.PUT).toBeNull();
    expect(o.successLatencyMs.all).toEqual({ p50: 1, p90: 1, p99: 1, p999: 1, mean: 1, max: 1 });
    expect(o.namespaces.default.latencyMs.GET?.max).toBe(50);
    expect(o.namespaces.default.successLatencyMs.GET?.max).toBe(1);
    expect(o.namespaces.default.availability).toBe(0.8);
  });

  test("blast radius: half of each episode's requests failed, on 1 of 4 ranges, 1 of 2 clients", () => {
    const first = o.episodes.list[0];
    expect(first.requests).toBe(40);
    const half = { touched: 1, of: 2, share: 0.5, traffic: 0.5 };
    const seen = {
      ranges: { touched: 1, of: 4, share: 0.25, traffic: 0.5 },
      clients: half,
      zones: half,
      // One region, one tenant: a share says nothing.
      regions: { touched: 1, of: 1, share: null, traffic: null },
      tenants: { touched: 1, of: 1, share: null, traffic: null },
    };
    // No server watch: no node to be impaired.
    const none = { touched: 0, of: 0, share: null };
    const fault = { nodes: none, zones: none, regions: none };
    expect(first.blastRadius).toEqual({ requests: 0.5, failedRequests: 0.5, seen, fault });
    expect(first.worstErrorRate).toBe(0.5);
    expect(o.blastRadius).toMatchObject({ meanRequests: 0.5, maxRequests: 0.5, seen });
    expect(o.blastRadius.fault.nodes).toMatchObject(none);
  });

  // BUG (src/experiment/outcome/episode-report.ts, emptyEpisode + breadthViews): the run-level
  // fault breadth, when no episode beats the empty one, is built from `of()` ({touched, of, traffic}) and spread as is,
  // so it carries a stray `traffic: 0` that an episode's fault breadth never has.
  test("the run's fault breadth has the same shape as an episode's", () => {
    expect(Object.keys(o.blastRadius.fault.nodes).sort()).toEqual(Object.keys(o.episodes.list[0].blastRadius.fault.nodes).sort());
  });

  test("each episode lists the faults active during it", () => {
    expect(o.episodes.list.map((e) => e.faults)).toEqual([["crash zone a"], [], ["crash node b/0"]]);
  });

  test("time to detect and to mitigate, per episode and over the run", () => {
    expect(o.episodes.list.map((e) => [e.timeToDetectS, e.timeToMitigateS])).toEqual([
      [0.5, 1],
      [null, null],
      [0.2, null],
    ]);
    expect(o.timeToDetectS).toEqual({ mean: 0.35, max: 0.5, episodes: 2 });
    expect(o.timeToMitigateS).toEqual({ mean: 1, max: 1, episodes: 1 });
  });

  test("no failure: availability 1, no episode, nines at the resolution limit log10(requests)", () => {
    const clean = run([]);
    expect(clean.availability).toBe(1);
    expect(clean.nines).toBe(2.301); // log10(200)
    expect(clean.episodes.count).toBe(0);
    expect(clean.recoveryS).toEqual({ mean: 0, p50: 0, max: 0 });
    expect(clean.frequency).toEqual({ episodes: 0, scripted: 0, unscripted: 0, perDay: null });
    expect(clean.timeToDetectS).toBeNull();
    expect(clean.latencyMs.GET).toEqual({ p50: 1, p90: 1, p99: 1, p999: 1, mean: 1, max: 1 });
    expect(clean.blastRadius.seen.ranges).toEqual({ touched: 0, of: 4, share: 0, traffic: 0 });
  });

  test("the median of an even number of durations is the mean of the middle two", () => {
    // Episodes of 1 s ([1, 2]) and 3 s ([5, 8]).
    const even = run([1, 5, 6, 7]);
    expect(even.episodes.list.map((e) => e.durationS)).toEqual([1, 3]);
    expect(even.recoveryS).toEqual({ mean: 2, p50: 2, max: 3 });
  });

  // Regression: two overlapping faults with the same name (a timeline crash of node b/0 from 1 s to
  // 9 s, and a random failure of the same node from 2 s to 3 s) must both be tracked: the short
  // one's end must not forget the long one, and the episode in [6, 7] s lists it.
  const overlapping = () =>
    run([6], {
      faults: [
        [seconds(1), "node b/0", "start", true],
        [seconds(2), "node b/0", "start", false],
        [seconds(3), "node b/0", "end", false],
        [seconds(9), "node b/0", "end", true],
      ],
    });
  test("overlapping faults with the same name are both tracked", () => {
    expect(overlapping().episodes.list.map((e) => e.faults)).toEqual([["crash node b/0"]]);
  });

  // BUG (src/experiment/outcome/episode-report.ts, faultSpans): an end is paired with the oldest
  // open start of the same name whatever its `scripted`, so the random failure's end (3 s, scripted false) closes the
  // timeline crash's span, and the episode at [6, 7] s, during the still-running timeline crash,
  // reads as unscripted (and would feed the random-failure rate).
  test("an end closes the start of its own kind (scripted or not)", () => {
    expect(overlapping().episodes.list.map((e) => e.scripted)).toEqual([true]);
  });
});
