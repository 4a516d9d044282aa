import { expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

const scenario = (consistency: string) => `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }
  consistency: { read: ${consistency}, write: ${consistency} }
  failureDetection: 2s
workload:
  rate: 200/s
faults:
  timeline:
    - { at: 30s, for: 30s, kind: nodeCrash, node: a/0 }
`;

test("an episode says what its bad requests were: with ALL, timed out until the crash is detected, unavailable after", () => {
  const [episode] = simulate(loadScenarioText(scenario("ALL"), "all.yaml").base.config, 5).outcome.episodes.list;
  const b = episode.badBy;
  expect(b.failed + b.timedOut + b.shed + b.unavailable + b.slow).toBeCloseTo(1, 5);
  // Every request needs all three replicas. For the 2 s before the crash is detected they wait
  // for their timeout; for the 28 s after, they are refused at once: 2/30 of them time out.
  expect(b.timedOut).toBeGreaterThan(0.04);
  expect(b.timedOut).toBeLessThan(0.1);
  expect(b.unavailable).toBeCloseTo(1 - b.timedOut, 5);
});

test("with QUORUM the crash costs only the requests in flight to it, which time out", () => {
  const [episode] = simulate(loadScenarioText(scenario("QUORUM"), "quorum.yaml").base.config, 5).outcome.episodes.list;
  expect(episode.badBy).toEqual({ failed: 0, timedOut: 1, shed: 0, unavailable: 0, slow: 0 });
});
