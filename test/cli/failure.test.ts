import { afterEach, describe, expect, test, vi } from "vitest";
import { reportFailure } from "../../src/cli/failure.js";
import { noteCommand, noteScenario } from "../../src/cli/run-context.js";
import { EventBudgetExceeded } from "../../src/experiment/simulate.js";

function stderrOf(run: () => number): { code: number; text: string } {
  let text = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((text += String(chunk)), true));
  try {
    return { code: run(), text };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => noteCommand([]));

describe("an internal error is reported so that it can be reproduced", () => {
  test("with the rerun command, the scenario's hash and seed, the versions and the stack, exit 1", () => {
    noteCommand(["node", "relisim", "run", "my scenario.yaml", "--set", "workload.rate=2000/s", "--seed", "9"]);
    noteScenario({ file: "my scenario.yaml", hash: "2cb61588960adefc", seed: 17 }, 9);
    const { code, text } = stderrOf(() => reportFailure(new TypeError("boom")));
    expect(code).toBe(1);
    expect(text).toMatch(/^relisim: internal error: a bug in relisim, not in your input\. Please report it/);
    expect(text).toContain("  rerun:    relisim run 'my scenario.yaml' --set workload.rate=2000/s --seed 9\n");
    expect(text).toContain("  scenario: my scenario.yaml (scenario hash 2cb61588960adefc), seed 9\n");
    expect(text).toMatch(/ {2}relisim \d+\.\d+\.\d+, node v\d+/);
    expect(text).toMatch(/TypeError: boom\n\s+at /);
  });

  test("before any scenario was read, it says what it knows: the command", () => {
    noteCommand(["node", "relisim", "schema"]);
    const { text } = stderrOf(() => reportFailure(new Error("early")));
    expect(text).toContain("rerun:    relisim schema\n");
    expect(text).not.toContain("scenario:");
  });

  test("bad input is not a bug: a budget refusal is one sentence, exit 2, no stack", () => {
    const { code, text } = stderrOf(() => reportFailure(new EventBudgetExceeded(1000, 0, { events: 5000, counted: "one per request: 5,000 requests, rate × duration" })));
    expect(code).toBe(2);
    expect(text).toBe(
      "the run would fire at least 5,000 events (one per request: 5,000 requests, rate × duration), more than its event budget of 1,000\n" +
        "raise --max-events, or shorten the scenario (duration, rate); nothing was written\n",
    );
  });
});
