import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DeferredEntityCounts } from "../../src/metrics/deferred-entity-counts.js";
import { EntityCounts } from "../../src/metrics/entity-counts.js";
import { LatencyHistogram } from "../../src/metrics/latency-histogram.js";

const CLIENTS = 5;
const RANGES = 7;
const OPS = 3;

interface Finished {
  client: number;
  range: number;
  op: number;
  failed: boolean;
  slow: boolean;
  latency: number;
}

/** What a histogram tells a report: count, sum, extremes and the percentiles it prints. */
function summary(h: LatencyHistogram) {
  return { count: h.count, sum: h.sum, min: h.min, max: h.max, percentiles: h.count > 0 ? h.percentiles([0, 50, 90, 99, 99.9, 100]) : [] };
}

function cells() {
  return {
    histograms: Array.from({ length: CLIENTS }, () => new LatencyHistogram()),
    clients: new EntityCounts(CLIENTS, OPS),
    ranges: new EntityCounts(RANGES, OPS),
  };
}

/** Each request applied the moment it finishes, as the recorder did before it deferred them. */
function applyAtOnce(requests: readonly Finished[]) {
  const c = cells();
  for (const r of requests) {
    if (!r.failed) c.histograms[r.client].record(r.latency);
    c.clients.add(r.client, r.op, r.failed, r.slow);
    c.ranges.add(r.range, r.op, r.failed, r.slow);
  }
  return c;
}

function expectSame(a: ReturnType<typeof cells>, b: ReturnType<typeof cells>): void {
  expect(a.histograms.map(summary)).toEqual(b.histograms.map(summary));
  for (const dim of ["clients", "ranges"] as const) {
    expect(Array.from(a[dim].total)).toEqual(Array.from(b[dim].total));
    expect(Array.from(a[dim].failed)).toEqual(Array.from(b[dim].failed));
    expect(Array.from(a[dim].slow)).toEqual(Array.from(b[dim].slow));
  }
}

const finished: fc.Arbitrary<Finished> = fc.record({
  client: fc.integer({ min: 0, max: CLIENTS - 1 }),
  range: fc.integer({ min: 0, max: RANGES - 1 }),
  op: fc.integer({ min: 0, max: OPS - 1 }),
  failed: fc.boolean(),
  slow: fc.boolean(),
  latency: fc.integer({ min: 0, max: 5_000_000 }),
});

describe("DeferredEntityCounts", () => {
  test("after a flush, every cell holds what applying each request at once gave, whatever the flush points", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finished, fc.boolean()), { maxLength: 200 }), (steps) => {
        const deferred = cells();
        const batch = new DeferredEntityCounts(deferred.histograms, deferred.clients, deferred.ranges, true);
        steps.forEach(([r, flushAfter], i) => {
          batch.add(r.client, r.range, r.op, r.failed, r.slow, r.latency);
          if (flushAfter) {
            batch.flush();
            expectSame(deferred, applyAtOnce(steps.slice(0, i + 1).map(([x]) => x)));
          }
        });
        batch.flush();
        expectSame(deferred, applyAtOnce(steps.map(([x]) => x)));
        // A second flush adds nothing twice.
        batch.flush();
        expectSame(deferred, applyAtOnce(steps.map(([x]) => x)));
      }),
      { seed: 23, numRuns: 200 },
    );
  });

  test("a buffer filled many times over applies every request exactly once", () => {
    const requests: Finished[] = Array.from({ length: 20_011 }, (_, i) => ({
      client: i % CLIENTS,
      range: (i * 3) % RANGES,
      op: i % OPS,
      failed: i % 11 === 0,
      slow: i % 7 === 0,
      latency: (i * 7919) % 100_000,
    }));
    const deferred = cells();
    const batch = new DeferredEntityCounts(deferred.histograms, deferred.clients, deferred.ranges, true);
    for (const r of requests) batch.add(r.client, r.range, r.op, r.failed, r.slow, r.latency);
    batch.flush();
    const direct = applyAtOnce(requests);
    expectSame(deferred, direct);
    expect(deferred.clients.total.reduce((a, b) => a + b, 0)).toBe(20_011);
  });
});
