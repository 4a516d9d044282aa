import { describe, expect, test } from "vitest";
import { aimdLimit } from "../../../src/model/limit/aimd-limit.js";
import { gradientLimit } from "../../../src/model/limit/gradient-limit.js";
import type { Limit } from "../../../src/model/limit/limit.js";
import { Limiter } from "../../../src/model/limit/limiter.js";
import { LIMIT_DEFAULTS } from "../../../src/model/limit/make-limit.js";
import { vegasLimit } from "../../../src/model/limit/vegas-limit.js";

/**
 * A deterministic server in the manner of M/M/1: with n requests in flight its utilisation is
 * n / C and each takes rtt(n) = S / (1 − n / C), so rtt explodes as n nears C = 100 (and the
 * throughput n / rtt(n) peaks at n = C/2). The caller gives up after T = 10·S: a request whose rtt
 * would exceed T is a drop reported at T. rtt(n) ≤ T exactly while n ≤ nT = C·(1 − S/T) = 90.
 * Demand never lets up: before each completion the client fills every permit the limiter grants.
 */
const S = 1000;
const C = 100;
const T = 10 * S;
const N_T = C * (1 - S / T);
const rttAt = (n: number) => (n < C ? S / (1 - n / C) : Infinity);

/** Runs `steps` completions; the limit after each of the last half, and the rtts of the last half. */
function closedLoop(limit: Limit, steps = 20_000) {
  const limiter = new Limiter(limit);
  const limits: number[] = [];
  const rtts: number[] = [];
  let now = 0;
  for (let i = 0; i < steps; i++) {
    while (limiter.tryAcquire());
    const n = limiter.inflight;
    const rtt = Math.min(T, Math.round(rttAt(n)));
    now += Math.round(rtt / n); // n in service, one finishes about every rtt / n
    limiter.release({ rtt, dropped: rttAt(n) > T, now });
    if (i >= steps / 2) limits.push(limiter.limit), rtts.push(rtt);
  }
  return { limits, top: Math.max(...limits), bottom: Math.min(...limits), meanRtt: rtts.reduce((a, b) => a + b) / rtts.length };
}

describe("closed loop against a server whose rtt explodes at 100 in flight", () => {
  test("AIMD saw-tooths between backoff × (nT + 1) and nT + 1: its timeout is what stops it", () => {
    const { top, bottom } = closedLoop(aimdLimit({ ...LIMIT_DEFAULTS.aimd, timeout: T }));
    // +1 a sample until inflight nT + 1 = 91 has rtt > T, then ×0.9.
    expect(top).toBeLessThanOrEqual(N_T + 1);
    expect(bottom).toBeGreaterThanOrEqual(Math.floor(0.9 * (N_T + 1)));
  });

  test("Vegas without probes settles where the queue estimate lies within [alpha, beta], below the throughput peak", () => {
    const { top, bottom, meanRtt } = closedLoop(vegasLimit({ ...LIMIT_DEFAULTS.vegas, probeMultiplier: Infinity }));
    expect(top).toBe(bottom); // settled: it never moves in the second half
    // rtt_noload is rtt(20), the first sample (the limiter starts 20 in flight).
    const queue = top * (1 - rttAt(20) / rttAt(Math.floor(top)));
    expect(queue).toBeGreaterThanOrEqual(3 * Math.log10(top));
    expect(queue).toBeLessThanOrEqual(6 * Math.log10(top));
    expect(top).toBeLessThan(C / 2); // delay alone holds it: no drop needed, rtt < 2·S
    expect(meanRtt).toBeLessThan(2 * S);
  });

  test("Gradient climbs with its own long-term rtt and is held just under nT by the drops", () => {
    // Gradient2 compares the rtt with its own slow average, which follows the rtt upward; under
    // demand that never lets up nothing anchors it, so only drops bound it.
    const { top, bottom } = closedLoop(gradientLimit(LIMIT_DEFAULTS.gradient));
    expect(top).toBeLessThan(N_T + 1);
    expect(bottom).toBeGreaterThan(0.8 * N_T);
  });

  test("Vegas with its periodic probe re-anchors rtt_noload on a loaded rtt and ratchets up to the drops", () => {
    // Each probe takes an rtt measured at the current load as the new no-load rtt, so the limit
    // climbs by a queue's worth per probe; +beta after a probe can overshoot to C itself.
    const settled = closedLoop(vegasLimit({ ...LIMIT_DEFAULTS.vegas, probeMultiplier: Infinity })).top;
    const { top, limits } = closedLoop(vegasLimit(LIMIT_DEFAULTS.vegas));
    const mean = limits.reduce((a, b) => a + b) / limits.length;
    expect(mean).toBeGreaterThan(2 * settled);
    expect(top).toBeLessThan(C + 2);
  });
});
