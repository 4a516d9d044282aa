import { describe, expect, test } from "vitest";
import { LIMIT_DEFAULTS, makeLimit, type LimitKind } from "../../../src/model/limit/make-limit.js";

const kinds: LimitKind[] = ["fixed", "aimd", "vegas", "gradient"];

describe("makeLimit", () => {
  test.each(kinds)("the %s defaults build a limit starting at 20", (kind) => {
    expect(LIMIT_DEFAULTS[kind].kind).toBe(kind);
    expect(makeLimit(LIMIT_DEFAULTS[kind]).current).toBe(20);
  });

  test("each spec reaches its own algorithm", () => {
    const drop = { rtt: 100, inflight: 20, dropped: true, now: 0 };
    const after = kinds.map((kind) => {
      const limit = makeLimit(LIMIT_DEFAULTS[kind]);
      limit.onSample(drop);
      return limit.current;
    });
    // fixed ignores it; aimd: floor(20·0.9); vegas: 20 − log10 20; gradient: 20 + 0.2·(20·0.5 + 4 − 20)
    expect(after).toEqual([20, 18, 20 - Math.log10(20), 18.8]);
  });

  test("out-of-range parameters are RangeErrors", () => {
    expect(() => makeLimit({ ...LIMIT_DEFAULTS.aimd, min: 0 })).toThrow(RangeError);
    expect(() => makeLimit({ ...LIMIT_DEFAULTS.vegas, initial: 2000 })).toThrow(RangeError);
    expect(() => makeLimit({ ...LIMIT_DEFAULTS.gradient, rttTolerance: 0.9 })).toThrow(RangeError);
    expect(() => makeLimit({ kind: "fixed", limit: 0.5 })).toThrow(RangeError);
  });
});
