import { describe, expect, test } from "vitest";
import { parseMeasurements, type MeasurementOptions } from "../../../src/experiment/fit/measurements.js";
import { ScenarioError } from "../../../src/scenario/scenario-error.js";

const ms: MeasurementOptions = { unit: "ms" };
const lines = (values: readonly (number | string)[]) => values.join("\n");
const many = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + i / 10);

function problems(text: string, options: MeasurementOptions = ms): string {
  try {
    parseMeasurements(text, "data.txt", options);
  } catch (error) {
    if (error instanceof ScenarioError) return error.format();
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("reading samples", () => {
  test("one a line, comments and blank lines skipped, sorted, converted to ms with --unit", () => {
    const text = `# latencies\n\n${lines(many(40).reverse())}\n`;
    const m = parseMeasurements(text, "data.txt", ms);
    expect(m.kind).toBe("samples");
    if (m.kind !== "samples") return;
    expect(m.values.length).toBe(40);
    expect(m.values[0]).toBe(1);
    const inSeconds = parseMeasurements(text, "data.txt", { unit: "s" });
    expect(inSeconds.kind === "samples" && inSeconds.values[0]).toBe(1000);
    const inMicros = parseMeasurements(text, "data.txt", { unit: "us" });
    expect(inMicros.kind === "samples" && inMicros.values[0]).toBe(0.001);
  });

  test("a CSV column by name (its header), other columns ignored", () => {
    const text = `time,latency_ms,status\n${many(35).map((x, i) => `${i},${x},200`).join("\n")}\n`;
    const m = parseMeasurements(text, "data.csv", { unit: "ms", column: "latency_ms" });
    expect(m.kind === "samples" && m.values.length).toBe(35);
  });

  test("bad lines: every one named with its line and what was expected", () => {
    const text = lines([...many(40), "abc", "-3", ""]) + "\n1.5.2\n";
    expect(problems(text)).toBe(
      [
        "data.txt: 3 problems",
        '  line 41:1 expected a latency (a number in ms), got "abc"',
        "  line 42:1 a latency cannot be negative, got -3",
        '  line 44:1 expected a latency (a number in ms), got "1.5.2"',
      ].join("\n"),
    );
  });

  test("an empty file, too few samples, a missing column, an unnamed CSV", () => {
    expect(problems("# nothing\n\n")).toBe("data.txt: 1 problem\n  no measurements: the file is empty (blank lines and # comments are skipped)");
    expect(problems(lines(many(12)))).toMatch(/only 12 samples: a fit needs at least 30/);
    expect(problems("a,b\n1,2\n", { unit: "ms", column: "latency" })).toMatch(/line 1:1 no column "latency"; the header has "a", "b"/);
    expect(problems("a,b\n1,2\n")).toMatch(/a CSV with columns "a", "b": name the latency column with --column/);
    expect(problems("1,2\n3,4\n")).toMatch(/two or more numbers on a line/);
  });
});

describe("reading histogram buckets", () => {
  const prometheus = "le,count\n0.001,0\n0.002,10\n0.005,40\n0.01,90\n+Inf,100\n";

  test("cumulative le,count with +Inf as Prometheus exports it: per-bucket counts and the overflow, edges in ms", () => {
    const m = parseMeasurements(prometheus, "h.csv", { unit: "s" });
    expect(m).toEqual({ kind: "histogram", cumulative: true, buckets: { edges: [1, 2, 5, 10], counts: [0, 10, 30, 50], overflow: 10 } });
  });

  test("per-bucket counts are recognised when they decrease, or told with --buckets", () => {
    const perBucket = "le,count\n1,10\n2,50\n5,30\n10,5\n+Inf,5\n";
    const m = parseMeasurements(perBucket, "h.csv", ms);
    expect(m.kind === "histogram" && m.cumulative).toBe(false);
    expect(m.kind === "histogram" && m.buckets.overflow).toBe(5);
    const told = parseMeasurements("le,count\n1,10\n2,20\n5,30\n10,40\n", "h.csv", { unit: "ms", buckets: "per-bucket" });
    expect(told.kind === "histogram" && told.buckets.counts).toEqual([10, 20, 30, 40]);
    expect(problems(perBucket, { unit: "ms", buckets: "cumulative" })).toMatch(/line 4:1 cumulative counts cannot decrease: 30 after 50 \(per-bucket counts\? use --buckets per-bucket\)/);
  });

  test("bad buckets: a bad edge, a bad count, edges out of order, a bucket after +Inf, too few observations", () => {
    expect(problems("le,count\nx,1\n1,-2\n5,40\n3,50\n+Inf,60\n7,70\n")).toBe(
      "data.txt: 4 problems" +
        '\n  line 2:1 expected a bucket\'s upper edge le (a number in ms, or +Inf), got "x"' +
        '\n  line 3:1 expected a bucket\'s count (a number >= 0), got "-2"' +
        "\n  line 5:1 le 3 must be greater than the previous bucket's (5)" +
        "\n  line 7:1 a bucket after +Inf (line 6): +Inf must be the last bucket",
    );
    expect(problems("le,count\n1,2\n2,5\n3,9\n+Inf,10\n")).toMatch(/only 10 observations in the histogram: a fit needs at least 30/);
    expect(problems("le,count\n1,20\n+Inf,100\n")).toMatch(/only 1 finite bucket: a fit needs at least 3/);
    // Without a header, --format histogram reads the first two columns as le and count.
    const headless = parseMeasurements("1,20\n2,40\n3,60\n+Inf,70\n", "h.csv", { unit: "ms", format: "histogram" });
    expect(headless.kind === "histogram" && headless.buckets).toEqual({ edges: [1, 2, 3], counts: [20, 20, 20], overflow: 10 });
  });
});

test("samples that are all the same value are refused: there is no distribution to fit", () => {
  expect(problems(lines(Array.from({ length: 40 }, () => "2.5")))).toBe("data.txt: 1 problem\n  all 40 samples are 2.5 ms: nothing to fit (a constant is written as the duration itself)");
});
