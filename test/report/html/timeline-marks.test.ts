import { expect, test } from "vitest";
import { faultLayers, marksNote, MAX_FAULT_MARKS, thresholdLayers } from "../../../src/report/html/charts/timeline-marks.js";
import { timeAxis } from "../../../src/report/html/charts/time-axis.js";

const values = (layer: unknown) => (layer as { data: { values: Array<Record<string, unknown>> } }).data.values;

test("each fault is marked where it starts (labelled) and ends, in the axis's unit; at most a dozen", () => {
  const axis = timeAxis(45 * 60); // minutes
  const layers = faultLayers([{ fault: "zoneOutage us-east-1a", startS: 600, endS: 2400 }, { fault: "nodeCrash a/0", startS: 900, endS: null }], axis);
  expect(layers).toHaveLength(3);
  expect(values(layers[0])).toEqual([{ t: 10, label: "zoneOutage us-east-1a" }, { t: 15, label: "nodeCrash a/0" }]);
  // A fault that never ended has no end mark.
  expect(values(layers[1])).toEqual([{ t: 40 }]);
  expect((layers[2] as { mark: { type: string } }).mark.type).toBe("text");
  const many = Array.from({ length: 30 }, (_, i) => ({ fault: `f${i}`, startS: i, endS: i + 1 }));
  expect(values(faultLayers(many, timeAxis(60))[0])).toHaveLength(MAX_FAULT_MARKS);
  expect(marksNote({ faults: many, latencySlo: [], errorSlo: [] })).toContain(`the first ${MAX_FAULT_MARKS} of 30`);
  expect(faultLayers([], axis)).toEqual([]);
});

test("SLO thresholds are one line per distinct value, their labels joined; none without a positive value", () => {
  const layers = thresholdLayers([
    { value: 250, label: "GET p99 SLO 250 ms" },
    { value: 250, label: "PUT p99 SLO 250 ms" },
    { value: 100, label: "SCAN p99 SLO 100 ms" },
  ]);
  expect(values(layers[0])).toEqual([
    { value: 250, label: "GET p99 SLO 250 ms, PUT p99 SLO 250 ms" },
    { value: 100, label: "SCAN p99 SLO 100 ms" },
  ]);
  expect(thresholdLayers([{ value: 0, label: "no errors allowed" }])).toEqual([]);
  expect(marksNote({ faults: [], latencySlo: [], errorSlo: [] })).toBe("");
});
