import { expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";
import { DEFER_FROM_CLIENTS } from "../../src/metrics/deferred-entity-counts.js";
import type { MetricsConfig } from "../../src/metrics/slo.js";
import { WindowRecorder } from "../../src/metrics/window-recorder.js";
import { OUTCOME_NAMES, Outcome } from "../../src/model/request/codes.js";

const GET = 0;
const CLIENTS = DEFER_FROM_CLIENTS + 6; // enough that the recorder holds per-client updates back
const zoneOf = (client: number) => client % 2;

// With this many clients the recorder applies per-client and per-range counts in batches: every
// figure read after a window closes, or after the run, must still count every request.
test(`with ${CLIENTS} clients, windows, client latencies and an episode's breadth count every request, the last ones included`, () => {
  const engine = new Engine();
  const config: MetricsConfig = { window: ms(10), slo: [{ percentile: 90, latency: ms(5), errorRate: 0.1 }], mergeGap: ms(10), minRequests: 2 };
  const dims = { ops: ["GET"], namespaces: ["default"], outcomes: OUTCOME_NAMES, zones: ["a", "b"], regions: ["r"], zoneRegion: [0, 0], clientZone: Array.from({ length: CLIENTS }, (_, c) => zoneOf(c)), ranges: 100 };
  const recorder = new WindowRecorder(engine, dims, config);
  recorder.start();
  const perZone: number[][] = [];
  const successes = new Array<number>(CLIENTS).fill(0);
  // Four windows; in the third, clients 0–9 fail everything they send (an episode ten clients wide).
  for (let w = 0; w < 4; w++) {
    perZone.push([0, 0]);
    for (let i = 0; i < 300; i++) {
      const client = (i * 7 + w) % CLIENTS;
      const failing = w === 2 && client < 10;
      perZone[w][zoneOf(client)]++;
      if (!failing) successes[client]++;
      engine.scheduleAt(ms(10 * w) + 1 + i * 30, () => recorder.onRequestDone({ op: GET, namespace: 0, outcome: failing ? Outcome.FAILED : Outcome.OK, client, range: (client * 13 + i) % 100 }, ms(1) + client));
    }
  }
  // Enough failures from each of the ten that each is clearly failing on its own.
  for (let client = 0; client < 10; client++) {
    perZone[2][zoneOf(client)] += 20;
    for (let k = 0; k < 20; k++) engine.scheduleAt(ms(20) + 100 + client * 20 + k, () => recorder.onRequestDone({ op: GET, namespace: 0, outcome: Outcome.FAILED, client, range: k }, ms(3)));
  }
  // Read mid-window, before anything closed a window: what has finished so far.
  engine.run({ until: ms(5) });
  expect(recorder.clientHistograms.reduce((n, h) => n + h.count, 0)).toBe(Math.ceil((ms(5) - 1) / 30));
  engine.run({ until: ms(40) });
  // Requests after the last window closed: only the run's totals see them.
  engine.scheduleAt(ms(40) + 5, () => recorder.onRequestDone({ op: GET, namespace: 0, outcome: Outcome.OK, client: 3, range: 0 }, ms(2)));
  successes[3]++;
  engine.run({ until: ms(41) });
  recorder.finish();

  expect(recorder.windows.slice(0, 4).map((row) => row.zones.map((z) => z[0]))).toEqual(perZone);
  expect(recorder.clientHistograms.map((h) => h.count)).toEqual(successes);
  expect(recorder.clientHistograms[3].max).toBe(ms(2));
  const episodes = recorder.detector.episodes;
  expect(episodes).toHaveLength(1);
  expect(episodes[0].seen.clients.touched).toBe(10);
});
