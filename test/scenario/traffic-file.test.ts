import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { deriveVariant, loadScenario } from "../../src/scenario/load-scenario.js";
import { MAX_TRAFFIC_BYTES, MAX_TRAFFIC_ROWS, parseTimestamp, parseTraffic, TrafficFileError } from "../../src/scenario/traffic-file.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const S = 1e6;
const plain = { timeUnit: "s" as const };

describe("timestamps", () => {
  test("plain numbers are seconds (or ms), durations may be compound, ISO-8601 is UTC unless an offset says otherwise", () => {
    expect(parseTimestamp("90.5", "s")).toEqual({ micros: 90.5 * S, kind: "number" });
    expect(parseTimestamp("1715673600123", "ms")).toEqual({ micros: 1715673600123e3, kind: "number" });
    expect(parseTimestamp("1h30m", "s")).toEqual({ micros: 5400 * S, kind: "duration" });
    expect(parseTimestamp("2m 15.5s", "s")?.micros).toBe(135.5 * S);
    const utc = parseTimestamp("2024-05-14T08:00:00Z", "s")!.micros;
    expect(utc).toBe(Date.UTC(2024, 4, 14, 8) * 1e3);
    expect(parseTimestamp("2024-05-14 08:00", "s")!.micros).toBe(utc);
    expect(parseTimestamp("2024-05-14T10:00:00+02:00", "s")!.micros).toBe(utc);
    expect(parseTimestamp("2024-05-14T03:30:00.25-0430", "s")!.micros).toBe(utc + 0.25 * S);
    for (const bad of ["2024-02-31T00:00:00Z", "2024-05-14T25:00:00Z", "yesterday", "1h30", ""]) expect(parseTimestamp(bad, "s"), bad).toBeUndefined();
  });
});

describe("parseTraffic", () => {
  test("a header row is optional; columns by name or number; # comments and blank lines are skipped; times from the first row", () => {
    const text = "# exported\ntime,host,rps\n\n100,a,5\n160,a,7.5\n# gap\n220,a,0\n";
    expect(parseTraffic(text, "f.csv", { ...plain, column: "rps" })).toEqual({ times: [0, 60 * S, 120 * S], rates: [5, 7.5, 0], lines: [4, 5, 7] });
    expect(parseTraffic(text, "f.csv", { ...plain, column: 3, timeColumn: "time" }).rates).toEqual([5, 7.5, 0]);
    expect(parseTraffic("0,10\n60,20\n", "f.csv", plain).rates).toEqual([10, 20]);
    // Without a header, a duration in the first column is read like any other timestamp.
    expect(parseTraffic("0s,10\n1m,20\n", "f.csv", plain).times).toEqual([0, 60 * S]);
  });

  const problem = (text: string, spec = {}, maxRows?: number) => {
    try {
      parseTraffic(text, "day.csv", { ...plain, ...spec }, maxRows);
    } catch (error) {
      if (error instanceof TrafficFileError) return error.message;
      throw error;
    }
    return "no problem";
  };

  test("each problem names the file and its line", () => {
    expect(problem("t,r\n0,1\n60,-2\n")).toBe('day.csv:3: expected a rate in requests per second (a number >= 0), got "-2"');
    expect(problem("t,r\n0,1\n60,\n")).toMatch(/^day\.csv:3: .*got "" \(a gap in the export\? fill it in or drop the row\)$/);
    expect(problem("t,r\n0,1\n60,1\n60,1\n")).toBe('day.csv:4: timestamp "60" is not after the row before (line 3): rows must be in time order, each later than the one before');
    expect(problem("t,r\n0,1\n30,1\n10,1\n")).toMatch(/^day\.csv:4: timestamp "10" is not after/);
    expect(problem("t,r\n0,1\n1m,1\n")).toBe("day.csv:3: a timestamp of another kind (duration) than the first row's (number): write them all alike");
    expect(problem("t,r\nnoon,1\n")).toMatch(/^day\.csv:2: expected a timestamp .*got "noon"$/);
    expect(problem("t,r\n0,1\n60\n")).toBe("day.csv:3: no column 2: the row has 1");
    expect(problem("t,r\n0,1\n", { column: "rps" })).toMatch(/^day\.csv:1: no column named "rps" \(column\) in the first row \(the header\): it has "t", "r"$/);
    expect(problem("t,r\n")).toBe("day.csv: no rows: a traffic series needs at least two rows (its start and its end)");
    expect(problem("t,r\n0,5\n")).toMatch(/^day\.csv: only one row/);
    expect(problem('t,r\n0,"1\n')).toMatch(/^day\.csv(:\d+)?: not readable as CSV/);
  });

  test("more rows than the cap (1,000,000 unless told) are refused at the first row too many, before they are kept", () => {
    expect(MAX_TRAFFIC_ROWS).toBe(1_000_000);
    const rows = Array.from({ length: 1001 }, (_, i) => `${i},1`).join("\n");
    expect(problem(rows, {}, 1000)).toBe("day.csv:1001: more than 1,000 rows: resample the series (a row a second is 86,400 rows a day)");
    expect(problem(rows, {}, 1001)).toBe("no problem");
  });
});

/** A scenario in a fresh directory beside `files`; returns its path. */
function scenarioIn(yaml: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "relisim-traffic-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, "s.yaml"), yaml);
  return join(dir, "s.yaml");
}
const scenario = (rate: string, extra = "", duration = "2m") =>
  `duration: ${duration}\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }\nworkload:\n  rate: ${rate}\n${extra}`;
const DAY = "time,rps\n0,100\n60,1000\n120,200\n";

describe("workload.rate: { file }", () => {
  test("the file is found beside the scenario and becomes the model's curve (scale applied, speed compressing time)", () => {
    const file = scenarioIn(scenario("{ file: day.csv, column: rps, scale: 0.5, speed: 2, interpolate: step }", "", "1m"), { "day.csv": DAY });
    const curve = loadScenario(file).base.config.world.workload.schedule.curve;
    expect(curve).toEqual({ times: [0, 30 * S, 60 * S], rates: [50, 500, 100], interpolate: "step", repeat: false });
  });

  test("problems: a missing file (with the path it looked at), the data file's line, steps beside it, a run longer than the rows, a rate too high", () => {
    const missing = scenarioIn(scenario("{ file: nope.csv }"), {});
    expect(scenarioProblems(() => loadScenario(missing))).toEqual([`workload.rate.file: cannot read "${join(missing, "..", "nope.csv")}": no such file`]);
    const bad = scenarioIn(scenario("{ file: day.csv }"), { "day.csv": "0,1\n60,x\n" });
    expect(scenarioProblems(() => loadScenario(bad))).toEqual([`workload.rate.file: ${join(bad, "..", "day.csv")}:2: expected a rate in requests per second (a number >= 0), got "x"`]);
    const file = scenarioIn(scenario("{ file: day.csv, scale: 1e6 }", "  steps: [{ at: 1m, rate: 5 }]\n", "3m"), { "day.csv": DAY });
    expect(scenarioProblems(() => loadScenario(file))).toEqual([
      "workload.rate: the file's rows span 2m, less than the run (duration 3m): set repeat: true to start over after the last row, or shorten the run",
      "workload.rate.scale: the file's highest rate, 1,000/s (line 3), × scale 1000000 is more than 100 M/s (beyond anything a run can simulate)",
      "workload.steps: the rate comes from workload.rate.file: steps would contradict it (put the changes in the file, or use multipliers)",
    ]);
    expect(scenarioProblems(() => loadScenario(scenarioIn(scenario("{ file: day.csv, repeat: true }", "", "3m"), { "day.csv": DAY })))).toEqual([]);
    expect(scenarioProblems(() => loadScenario(scenarioIn(scenario("{ file: day.csv, speed: 1e9 }", "", "1us"), { "day.csv": "0,1\n0.0001,1\n0.0002,1\n" })))).toEqual([
      "workload.rate.speed: at speed 1000000000 the rows at lines 1 and 2 of the file are less than 1µs apart: lower the speed",
    ]);
    expect(scenarioProblems(() => loadScenario(scenarioIn(scenario("{ file: /dev/null/x }"), {})))).toEqual(['workload.rate.file: cannot read "/dev/null/x": ENOTDIR']);
    expect(scenarioProblems(() => loadScenario(scenarioIn(scenario("{ file: /dev/zero }"), {})))).toEqual(['workload.rate.file: cannot read "/dev/zero": not a regular file']);
    // A file too large is refused before it is read (a sparse file: no disk used).
    const huge = scenarioIn(scenario("{ file: huge.csv }"), { "huge.csv": "" });
    truncateSync(join(huge, "..", "huge.csv"), MAX_TRAFFIC_BYTES + 1);
    expect(scenarioProblems(() => loadScenario(huge))).toEqual([
      `workload.rate.file: "${join(huge, "..", "huge.csv")}" is 67,108,865 bytes, more than the 67,108,864 a traffic file may have: resample it (a row a minute is plenty for a day)`,
    ]);
  });

  test("the scenario's hash covers the file's content, not where it lies", () => {
    const hash = (text: string, name = "day.csv") => loadScenario(scenarioIn(scenario(`{ file: ${name} }`), { [name]: text })).hash;
    expect(hash(DAY)).toBe(hash(DAY));
    expect(hash(DAY, "other.csv")).not.toBe(hash(DAY)); // the name is in the scenario's data
    expect(hash(DAY.replace("1000", "1001"))).not.toBe(hash(DAY));
    expect(hash(DAY.replace(/\n/g, "\r\n"))).toBe(hash(DAY));
    // And a constant rate hashes as it always did.
    expect(loadScenario(scenarioIn(scenario("100/s"), {})).hash).toBe(loadScenario(scenarioIn(scenario("100/s"), {})).hash);
  });

  test("--set and variants may change the file's options or replace it with a constant rate", () => {
    const file = scenarioIn(scenario("{ file: day.csv, column: rps }", "variants:\n  flat: { workload.rate: 300/s }\n  half: { workload.rate.scale: 0.5 }\n"), { "day.csv": DAY });
    const s = loadScenario(file, { sets: ["workload.rate.interpolate=step"] });
    expect(s.base.config.world.workload.schedule.curve?.interpolate).toBe("step");
    expect(s.variants.find((v) => v.name === "flat")!.config.world.workload.schedule.curve).toBeUndefined();
    expect(s.variants.find((v) => v.name === "half")!.config.world.workload.schedule.curve?.rates).toEqual([50, 500, 100]);
  });

  test("a constant rate's problems read as before; an object's are its keys'", () => {
    const file = scenarioIn(scenario("{ file: day.csv, colum: rps, interpolate: cubic }"), { "day.csv": DAY });
    expect(scenarioProblems(() => loadScenario(file))).toEqual([
      "workload.rate.colum: unknown key \"colum\" (did you mean \"column\"?)",
      "workload.rate.interpolate: expected one of linear|step, got \"cubic\"",
    ]);
    const flat = scenarioIn(scenario("100/s"), {});
    expect(scenarioProblems(() => loadScenario(flat, { sets: ["workload.rate=1e12"] }))).toEqual(["workload.rate: must be <= 100000000/s, got 1000000000000 (from --set workload.rate=1e12)"]);
    expect(scenarioProblems(() => loadScenario(flat, { sets: ["workload.rate=fast"] }))).toEqual(['workload.rate: expected a rate such as "100/s", got "fast" (from --set workload.rate=fast)']);
    expect(scenarioProblems(() => loadScenario(flat, { sets: ["workload.rate=true"] }))).toEqual(['workload.rate: expected a rate such as "100/s" or an object, got true (from --set workload.rate=true)']);
  });

  test("variants derived later (compare --vary, sweeps, plans) use the file as it was read with the scenario", () => {
    const file = scenarioIn(scenario("{ file: day.csv, column: rps }"), { "day.csv": DAY });
    const s = loadScenario(file);
    writeFileSync(join(file, "..", "day.csv"), "time,rps\n0,1\n600,1\n");
    expect(deriveVariant(s, "double", { "workload.rate.scale": 2 }).config.world.workload.schedule.curve?.rates).toEqual([200, 2000, 400]);
  });
});
