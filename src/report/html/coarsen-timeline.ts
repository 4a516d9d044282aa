import type { TimelineWindow } from "./read-results.js";

/**
 * At most `maxPoints` windows for a chart: consecutive windows merged into one span. Counts
 * add up; error rate and latency percentiles take the worst window of the span, so a short
 * spike stays visible however long the run (a span with no latency at all stays a gap). A
 * timeline that already fits is returned as is.
 */
export function coarsenTimeline(timeline: readonly TimelineWindow[], maxPoints: number): readonly TimelineWindow[] {
  if (timeline.length <= maxPoints) return timeline;
  const per = Math.ceil(timeline.length / maxPoints);
  const out: TimelineWindow[] = [];
  for (let i = 0; i < timeline.length; i += per) {
    const span = timeline.slice(i, i + per);
    const sum = (f: (w: TimelineWindow) => number | undefined) => span.reduce((a, w) => a + (f(w) ?? 0), 0);
    const worst = (f: (w: TimelineWindow) => number) => span.reduce((a, w) => Math.max(a, f(w)), 0);
    const worstLatency = (f: (w: TimelineWindow) => number | null | undefined) =>
      span.reduce<number | null>((a, w) => {
        const v = f(w);
        return v === null || v === undefined ? a : Math.max(a ?? v, v);
      }, null);
    out.push({
      startS: span[0].startS,
      endS: span[span.length - 1].endS,
      requests: sum((w) => w.requests),
      ok: sum((w) => w.ok),
      errorRate: worst((w) => w.errorRate),
      p50Ms: worstLatency((w) => w.p50Ms),
      p99Ms: worstLatency((w) => w.p99Ms),
      p999Ms: worstLatency((w) => w.p999Ms),
      successP99Ms: span[0].successP99Ms === undefined ? undefined : worstLatency((w) => w.successP99Ms),
      offered: span[0].offered === undefined ? undefined : sum((w) => w.offered),
      attempts: span[0].attempts === undefined ? undefined : sum((w) => w.attempts),
    });
  }
  return out;
}
