import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 50/s
`;

const messages = (text: string): string[] => scenarioProblems(() => loadScenarioText(MINIMAL + text, "test.yaml"));

describe("error retries in scenario files", () => {
  test("retryOn defaults to what was always retried; no last-attempt timeout unless set", () => {
    const world = loadScenarioText(MINIMAL + "clients:\n  retries: { maxAttempts: 2 }\n", "test.yaml").base.config.world;
    expect(world.client.retries!.retryOn).toEqual(["timeout", "throttled", "overloaded", "unavailable"]);
    expect(world.client.retries!.lastAttemptTimeout).toBeUndefined();
  });

  test("retryOn, lastAttemptTimeout and an attemptErrors fault are read in model units", () => {
    const world = loadScenarioText(
      MINIMAL +
        `clients:
  retries: { retryOn: [transient], lastAttemptTimeout: 40ms }
faults:
  timeline:
    - { at: 1m, for: 10s, kind: attemptErrors, zone: b, probability: 10% }
    - { at: 1m, kind: attemptErrors, all: true, probability: 0.5, class: throttled }
`,
      "test.yaml",
    ).base.config.world;
    expect(world.client.retries).toMatchObject({ retryOn: ["transient"], lastAttemptTimeout: 40_000 });
    expect(world.faults.timeline).toEqual([
      { kind: "attemptErrors", at: 60_000_000, for: 10_000_000, target: { zone: "b" }, probability: 0.1, errorClass: "transient" },
      { kind: "attemptErrors", at: 60_000_000, for: undefined, target: { all: true }, probability: 0.5, errorClass: "throttled" },
    ]);
  });

  test("an unknown class, a probability above 1 and a zero last-attempt timeout are refused", () => {
    const problems = messages(`clients:
  retries: { retryOn: [transient, flaky], lastAttemptTimeout: 0 }
faults:
  timeline:
    - { at: 1m, kind: attemptErrors, all: true, probability: 1.5, class: timeout }
`);
    expect(problems.map((p) => p.split(":")[0])).toEqual(
      expect.arrayContaining(["clients.retries.retryOn.1", "clients.retries.lastAttemptTimeout", "faults.timeline.0.probability", "faults.timeline.0.class"]),
    );
  });
});
