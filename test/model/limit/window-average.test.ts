import { expect, test } from "vitest";
import { WindowAverage } from "../../../src/model/limit/window-average.js";

test("a window average is the plain mean while young, then weighs each sample 2/(window + 1)", () => {
  const average = new WindowAverage(3); // weight 0.5
  expect([1, 2, 3, 3].map((x) => average.add(x))).toEqual([1, 1.5, 2.25, 2.625]);
  expect(average.count).toBe(4);
});

test("a window of one keeps the last sample", () => {
  const average = new WindowAverage(1);
  expect([5, 9, 2].map((x) => average.add(x))).toEqual([5, 9, 2]);
  expect(() => new WindowAverage(0.5)).toThrow(RangeError);
});
