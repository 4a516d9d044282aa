import { describe, expect, test } from "vitest";
import { ms } from "../../../src/engine/time.js";
import { preflightCheck } from "../../../src/model/operations/preflight.js";

const expected = { diskLatencyUs: ms(5), networkLatencyUs: 500 };

describe("preflightCheck", () => {
  test("passes within tolerance, at its edge, and when faster than expected", () => {
    expect(preflightCheck({ diskLatencyUs: ms(6), networkLatencyUs: 600 }, expected, 0.5)).toEqual({ passed: true, reasons: [] });
    expect(preflightCheck({ diskLatencyUs: ms(7.5), networkLatencyUs: 750 }, expected, 0.5).passed).toBe(true);
    expect(preflightCheck({ diskLatencyUs: ms(1), networkLatencyUs: 100 }, expected, 0).passed).toBe(true);
  });

  test("a slow disk fails with one reason", () => {
    const result = preflightCheck({ diskLatencyUs: ms(12), networkLatencyUs: 500 }, expected, 0.1);
    expect(result).toEqual({ passed: false, reasons: ["disk latency 12000 µs exceeds 5500 µs (expected 5000 µs + 10%)"] });
  });

  test("a slow disk and a slow network fail with two reasons, disk first", () => {
    const result = preflightCheck({ diskLatencyUs: ms(12), networkLatencyUs: Infinity }, expected, 0.5);
    expect(result.passed).toBe(false);
    expect(result.reasons).toHaveLength(2);
    expect(result.reasons[0]).toMatch(/^disk/);
    expect(result.reasons[1]).toMatch(/^network latency Infinity/);
  });

  test("rejects a negative tolerance or a NaN measurement", () => {
    expect(() => preflightCheck(expected, expected, -0.1)).toThrow(RangeError);
    expect(() => preflightCheck({ diskLatencyUs: NaN, networkLatencyUs: 1 }, expected, 0.1)).toThrow(RangeError);
  });
});
