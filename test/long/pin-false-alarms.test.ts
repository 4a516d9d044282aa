import { describe, expect, test } from "vitest";
import { checkScenario } from "../../src/experiment/check-scenario.js";
import { DEFAULT_PIN_REPLICATIONS } from "../../src/experiment/pin-check.js";
import { currentClusterRuns, pinClusterRuns } from "../../src/experiment/pin-runs.js";
import { comparePinned, PIN_FORMAT, type PinnedOutcome } from "../../src/experiment/pinned-outcome.js";
import { resultHeader } from "../../src/experiment/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

/**
 * Statistical pins raise (almost) no false alarms: an example pinned as `relisim test --update`
 * pins it, then run unchanged on 20 seeds the pin never saw. About 25 s of CPU; `npm test` keeps
 * one changed seed of gc-and-disk-tails (test/experiment/pin-proofs.test.ts).
 */
describe("changed seeds of an example", () => {
  test("hedge-delays, pinned here over 20 replications, on 20 other seeds: at most 1 false alarm", async () => {
    const file = "scenarios/hedge-delays.yaml";
    const scenario = loadScenario(file);
    const check = checkScenario(scenario);
    const runs = await pinClusterRuns(scenario, check, { replications: DEFAULT_PIN_REPLICATIONS, workers: 1 });
    const pin: PinnedOutcome = { format: PIN_FORMAT, header: resultHeader(scenario, check.seed), replications: DEFAULT_PIN_REPLICATIONS, runs };
    const falseAlarms: string[] = [];
    for (let j = 1; j <= 20; j++) {
      const seed = check.seed + j;
      const verdict = comparePinned(pin, resultHeader(scenario, seed), currentClusterRuns(checkScenario(scenario, { seed })), { tolerance: scenario.pin });
      if (verdict.kind === "moved") falseAlarms.push(`seed ${seed}: ${verdict.mismatches.map((m) => `${m.run} ${m.field} z=${m.z?.toFixed(1)}`).join(", ")}`);
      else expect(verdict.kind, `seed ${seed}`).toBe("match");
    }
    expect(falseAlarms.length, falseAlarms.join("\n")).toBeLessThanOrEqual(1);
  });
});
