import { describe, expect, test } from "vitest";
import { RetryBudget } from "../../../src/model/client/retry-budget.js";

describe("RetryBudget", () => {
  test("starts full: maxTokens retries with no requests, then refuses", () => {
    const budget = new RetryBudget({ ratio: 0.1, maxTokens: 10 });
    for (let i = 0; i < 10; i++) expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    expect([budget.granted, budget.refused]).toEqual([10, 1]);
  });

  test("in an outage where every request wants a retry, grants ≤ ratio × requests + maxTokens", () => {
    const budget = new RetryBudget({ ratio: 0.1, maxTokens: 10 });
    for (let i = 0; i < 10_000; i++) {
      budget.onRequest();
      budget.tryRetry();
    }
    expect(budget.granted).toBeLessThanOrEqual(0.1 * 10_000 + 10);
    // The first request's 0.1 token is lost to the full bucket: 10 + 0.1 × 9 999 = 1 009.9 earned.
    expect(budget.granted).toBe(1_009);
    expect(budget.refused).toBe(10_000 - 1_009);
    // Offered load: first attempts plus retries stays within (1 + ratio) plus the burst.
    expect((10_000 + budget.granted) / 10_000).toBeLessThanOrEqual(1 + 0.1 + 10 / 10_000);
  });

  test("in steady state exactly a ratio of requests is retried", () => {
    const budget = new RetryBudget({ ratio: 0.1, maxTokens: 10 });
    for (let i = 0; i < 1_000; i++) {
      budget.onRequest();
      budget.tryRetry();
    }
    const before = budget.granted;
    for (let i = 0; i < 5_000; i++) {
      budget.onRequest();
      budget.tryRetry();
    }
    expect(budget.granted - before).toBe(500);
  });

  test("refills up to maxTokens and no further", () => {
    const budget = new RetryBudget({ ratio: 0.5, maxTokens: 4 });
    for (let i = 0; i < 4; i++) budget.tryRetry();
    expect(budget.tokens).toBe(0);
    for (let i = 0; i < 3; i++) budget.onRequest();
    expect(budget.tokens).toBe(1.5);
    for (let i = 0; i < 100; i++) budget.onRequest();
    expect(budget.tokens).toBe(4);
  });

  test("rejects a negative ratio and a bucket smaller than one token", () => {
    expect(() => new RetryBudget({ ratio: -0.1, maxTokens: 10 })).toThrow(RangeError);
    expect(() => new RetryBudget({ ratio: 0.1, maxTokens: 0.5 })).toThrow(RangeError);
  });
});
