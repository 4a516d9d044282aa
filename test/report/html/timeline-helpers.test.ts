import { describe, expect, test } from "vitest";
import { logTicks } from "../../../src/report/html/charts/latency-chart.js";
import { timeAxis } from "../../../src/report/html/charts/time-axis.js";
import { coarsenTimeline } from "../../../src/report/html/coarsen-timeline.js";
import type { TimelineWindow } from "../../../src/report/html/read-results.js";

function windows(n: number): TimelineWindow[] {
  return Array.from({ length: n }, (_, i) => ({
    startS: i * 10,
    endS: (i + 1) * 10,
    requests: 100,
    ok: i === 1234 ? 40 : 100,
    errorRate: i === 1234 ? 0.6 : 0,
    p50Ms: 3,
    p99Ms: i === 777 ? 900 : 10,
    p999Ms: 20,
    offered: 100,
    attempts: 110,
  }));
}

describe("coarsenTimeline", () => {
  test("a timeline that fits is returned as is", () => {
    const t = windows(50);
    expect(coarsenTimeline(t, 800)).toBe(t);
  });

  test("a long one is merged to at most maxPoints spans: counts add up, the worst window survives", () => {
    const t = windows(8640); // a day of 10 s windows
    const c = coarsenTimeline(t, 800);
    expect(c.length).toBeLessThanOrEqual(800);
    expect(c.length).toBe(Math.ceil(8640 / Math.ceil(8640 / 800)));
    const total = (xs: readonly TimelineWindow[], f: (w: TimelineWindow) => number) => xs.reduce((a, w) => a + f(w), 0);
    expect(total(c, (w) => w.requests)).toBe(total(t, (w) => w.requests));
    expect(total(c, (w) => w.ok)).toBe(total(t, (w) => w.ok));
    expect(total(c, (w) => w.attempts!)).toBe(total(t, (w) => w.attempts!));
    expect(Math.max(...c.map((w) => w.errorRate))).toBe(0.6);
    expect(Math.max(...c.map((w) => w.p99Ms))).toBe(900);
    expect(c[0].startS).toBe(0);
    expect(c[c.length - 1].endS).toBe(86_400);
  });
});

describe("coarsenTimeline with windows that had no latency", () => {
  test("a span of empty windows stays a gap (null); one with some latency takes the worst of those", () => {
    const t = windows(1600).map((w, i) => (i < 2 ? { ...w, p50Ms: null, p99Ms: null, p999Ms: null, successP99Ms: null } : i === 3 ? { ...w, p99Ms: null, successP99Ms: 7 } : { ...w, successP99Ms: null }));
    const c = coarsenTimeline(t, 800);
    expect(c[0]).toMatchObject({ p50Ms: null, p99Ms: null, p999Ms: null, successP99Ms: null });
    expect(c[1]).toMatchObject({ p50Ms: 3, p99Ms: 10, p999Ms: 20, successP99Ms: 7 });
  });
});

describe("timeAxis", () => {
  test("seconds up to 15 minutes, minutes up to 3 hours, then hours", () => {
    expect(timeAxis(600)).toEqual({ seconds: 1, title: "simulated time (s)", domain: [0, 600] });
    expect(timeAxis(45 * 60)).toEqual({ seconds: 60, title: "simulated time (min)", domain: [0, 45] });
    expect(timeAxis(86_400)).toEqual({ seconds: 3600, title: "simulated time (h)", domain: [0, 24] });
  });
});

describe("logTicks", () => {
  test("1-2-5 ticks over the whole decades the data spans (Vega drops those past the axis); gaps (null) and zeros ignored", () => {
    expect(logTicks([3, null, 0, 70])).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500]);
    expect(logTicks([0.4, 1.5])).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(logTicks([null])).toEqual([1]);
  });
});
