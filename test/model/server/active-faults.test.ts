import { describe, expect, test } from "vitest";
import { ActiveFaults, anyOf, product } from "../../../src/model/server/active-faults.js";

describe("ActiveFaults", () => {
  test("disk degradations stack as a product, and each ends by its value", () => {
    const disk = new ActiveFaults(product);
    expect(disk.add(3)).toBe(3);
    expect(disk.add(2)).toBe(6);
    expect(disk.remove(3)).toBe(2);
    expect(disk.remove(3)).toBe(2); // gone already
    expect(disk.clear()).toBe(1);
  });

  test("independent error shares: 10% and 20% fail 1 − 0.9 × 0.8 = 28% of requests", () => {
    const errors = new ActiveFaults(anyOf);
    errors.add(0.1);
    expect(errors.add(0.2)).toBeCloseTo(0.28, 12);
    expect(errors.remove(0.1)).toBeCloseTo(0.2, 12);
    expect(errors.clear()).toBe(0);
  });
});
