import { describe, expect, test } from "vitest";
import { TokenStore } from "../../../src/model/api/token-store.js";

describe("TokenStore", () => {
  test("holds a token for its ttl, then forgets it", () => {
    const store = new TokenStore(1000);
    store.remember(7, 100);
    expect(store.holds(7, 100)).toBe(true);
    expect(store.holds(7, 1099)).toBe(true);
    expect(store.holds(7, 1100)).toBe(false);
    expect(store.holds(8, 100)).toBe(false);
  });

  test("memory is bounded by rate × ttl: expired tokens are dropped as new ones arrive", () => {
    // One token every 10 µs with a ttl of 1000 µs: at most 100 are held at once.
    const store = new TokenStore(1000);
    for (let i = 0; i < 10_000; i++) store.remember(i, i * 10);
    expect(store.size).toBe(100);
    expect(store.peak).toBe(100);
    expect(store.holds(9_900, 99_990)).toBe(true);
    expect(store.holds(9_899, 99_990)).toBe(false);
  });

  test("a token remembered again is kept from its latest application", () => {
    const store = new TokenStore(1000);
    store.remember(1, 0);
    store.remember(2, 500);
    store.remember(1, 900);
    store.remember(3, 1600); // expires 2 (at 500), but not 1 (renewed at 900)
    expect(store.holds(1, 1600)).toBe(true);
    expect(store.holds(2, 1600)).toBe(false);
    expect(store.size).toBe(2);
  });

  test("rejects a ttl that is not a whole number of µs ≥ 1", () => {
    expect(() => new TokenStore(0)).toThrow(RangeError);
    expect(() => new TokenStore(1.5)).toThrow(RangeError);
  });
});
