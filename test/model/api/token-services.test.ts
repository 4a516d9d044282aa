import { describe, expect, test } from "vitest";
import { streamFor } from "../../../src/engine/random-streams.js";
import { TokenServiceHealth, tokenFetch } from "../../../src/model/api/token-services.js";

describe("token services", () => {
  const config = { latency: { dist: "constant" as const, value: 1000 }, errorRate: 0.01 };

  test("a healthy service fails its own error rate; a degradation adds its share and multiplies latency", () => {
    const health = new TokenServiceHealth();
    expect(tokenFetch(config, health, 1000, 0.5)).toEqual({ delay: 1000, failed: false });
    health.degrade(5, 0.2);
    expect(health.factor).toBe(5);
    // 1 − (1 − 0.01)(1 − 0.2) = 0.208: a draw of 0.2079 fails, 0.2081 does not.
    expect(tokenFetch(config, health, 1000, 0.2079)).toEqual({ delay: 5000, failed: true });
    expect(tokenFetch(config, health, 1000, 0.2081).failed).toBe(false);
  });

  test("overlapping degradations combine, and each ends on its own", () => {
    const health = new TokenServiceHealth();
    health.degrade(2, 0.5);
    health.degrade(3, 0.5);
    expect(health.factor).toBe(6);
    expect(health.share).toBeCloseTo(0.75, 12);
    health.restore(2, 0.5);
    expect(health.factor).toBe(3);
    expect(health.share).toBeCloseTo(0.5, 12);
    health.restore(3, 0.5);
    expect([health.factor, health.share]).toEqual([1, 0]);
  });

  test("the share of failed fetches matches the closed form (seed 1, 100 000 fetches, ±5 sd)", () => {
    const health = new TokenServiceHealth();
    health.degrade(1, 0.1);
    const u = streamFor(1, "test/token-errors");
    const n = 100_000;
    let failed = 0;
    for (let i = 0; i < n; i++) if (tokenFetch(config, health, 1000, u()).failed) failed++;
    const p = 1 - 0.99 * 0.9; // 0.109
    expect(Math.abs(failed / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});
