import { describe, expect, test } from "vitest";
import { bucketMax, markLine, sparkline } from "../../src/report/sparkline.js";

describe("sparkline", () => {
  test("scales to the largest value; zero is the lowest bar and any non-zero at least the second", () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe("▁▂▃▅█");
    expect(sparkline([0, 0.001, 100])).toBe("▁▂█");
    expect(sparkline([0, 0, 0])).toBe("▁▁▁");
  });
  test("more values than columns: each column is the max of its values, so a one-window spike shows", () => {
    const values = Array.from({ length: 600 }, (_, i) => (i === 337 ? 5 : 0));
    const line = sparkline(values, 60);
    expect(line).toHaveLength(60);
    expect(line.indexOf("█")).toBe(33);
    expect(line.replace("█", "")).toBe("▁".repeat(59));
    expect(bucketMax([1, 5, 2, 3, 9, 0], 3)).toEqual([5, 3, 9]);
  });
  test("markLine marks columns with any true value", () => {
    expect(markLine([false, true, false, false], 2)).toBe("█·");
    expect(markLine([false, false, true], 3)).toBe("··█");
  });
});
