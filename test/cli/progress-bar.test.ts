import { expect, test } from "vitest";
import { etaFromAverage } from "../../src/cli/progress-bar.js";

test("the ETA is the time left at the average pace so far: nothing before the first run, 0 at the end", () => {
  expect(etaFromAverage(0, 0, 10)).toBe("…");
  expect(etaFromAverage(12, 0, 10)).toBe("…");
  // 3 runs in 90 s: 30 s each, 7 left.
  expect(etaFromAverage(90, 3, 10)).toBe("3m 30s");
  // After a 10-minute point the pace is the whole history's (690 s over 4 runs), not that one run's.
  expect(etaFromAverage(690, 4, 10)).toBe("17m 15s");
  expect(etaFromAverage(700, 10, 10)).toBe("0s");
});
