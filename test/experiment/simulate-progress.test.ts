import { expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

const TEXT = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 200/s
slo:
  window: 10s
`;

test("a run tells its progress as each window closes, up to its duration, and runs the same with or without a listener", () => {
  const config = loadScenarioText(TEXT, "progress.yaml").base.config;
  const seen: Array<[number, number, number]> = [];
  const watched = simulate(config, 5, { onProgress: (at, duration, requests) => seen.push([at, duration, requests]) });
  const plain = simulate(config, 5);
  expect(watched.engine.fingerprint).toBe(plain.engine.fingerprint);
  expect(watched.outcome).toEqual(plain.outcome);
  // One call per 10 s window of the 2 minutes, at the window's end, with the requests issued so far.
  expect(seen.map(([at]) => at)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 10_000_000));
  expect(seen.every(([, duration]) => duration === 120_000_000)).toBe(true);
  const requests = seen.map(([, , n]) => n);
  expect(requests.every((n, i) => i === 0 || n >= requests[i - 1])).toBe(true);
  // 200/s for 2 minutes: about 24,000 issued by the end (Poisson: sd about 155).
  expect(Math.abs(requests[requests.length - 1] - 24_000)).toBeLessThan(800);
});
