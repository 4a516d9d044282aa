import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

/**
 * Two regions of 2 app servers × 4 slots, 50 ms each (160/s per region), at 96/s each (60%).
 * At 60 s region a is lost; after failure detection F = 2 s and the evacuation's 5 s its load
 * moves to region b: 192/s, 120% of b's app tier. The autoscaler looks every 10 s and decides
 * after 30 s above 75%; the servers it orders serve after `provisioning` P. So the episode runs
 * from the loss to F + 5 s + (up to 10 s to the first look) + 30 s + P, give or take a window
 * (10 s) where the SLO is judged. With 100% reserved headroom b runs at 60% after the move:
 * the app tier sheds nothing, and only the store's seconds before the move break the SLO.
 */
function run(provisioning: string, reserved = "0%") {
  const text = `
duration: 6m
seed: 5
cluster:
  regions:
    - { name: a, zones: [a1], nodesPerZone: 1, replicationFactor: 1 }
    - { name: b, zones: [b1], nodesPerZone: 1, replicationFactor: 1 }
  consistency: { read: LOCAL_ONE, write: LOCAL_ONE }
  node: { concurrency: 64, cpu: { GET: 1ms }, diskReads: { GET: 0 } }
  evacuation: { after: 5s }
workload: { rate: 192/s, mix: { GET: 100% } }
clients: { perZone: 2 }
appTier:
  perZone: 2
  concurrency: 4
  service: 50ms
  queueLimit: 20
  provisioning: ${provisioning}
  headroom: { reserved: ${reserved} }
  autoscaling: { scaleOutAbove: 75%, every: 10s, detection: 30s, cooldown: 5m, step: 2 }
faults:
  timeline: [{ at: 1m, for: 4m, kind: regionOutage, region: a }]
slo: { GET: { p99: 300ms, errorRate: 1% } }
`;
  const s = loadScenarioText(text, "app-tier-evacuation.yaml");
  return simulate(s.base.config, s.seed).outcome;
}

describe("an evacuation through the app tier", () => {
  for (const [provisioning, p] of [["1m", 60], ["2m", 120]] as const) {
    test(`beyond its headroom: one episode of about detection + provisioning (P = ${p} s), put down to the app tier`, () => {
      const o = run(provisioning);
      const earliest = 2 + 5 + 30 + p;
      expect(o.episodes.count).toBe(1);
      expect(o.recoveryS.max).toBeGreaterThanOrEqual(earliest - 10);
      expect(o.recoveryS.max).toBeLessThanOrEqual(earliest + 10 + 10);
      expect(o.appTier!.causedEpisodes).toEqual({ appTier: 1, store: 0 });
      expect(o.appTier!.scaleOuts).toBe(1);
      expect(o.appTier!.servers).toMatchObject({ start: 4, peak: 6 });
    });
  }

  test("with enough reserved headroom: no shedding, no episode of the app tier's", () => {
    const o = run("2m", "100%");
    expect(o.appTier!.servers.start).toBe(8);
    expect(o.appTier!.shed).toBe(0);
    expect(o.appTier!.scaleOuts).toBe(0);
    expect(o.appTier!.causedEpisodes.appTier).toBe(0);
    expect(o.recoveryS.max).toBeLessThanOrEqual(2 + 5 + 10);
  });
});
