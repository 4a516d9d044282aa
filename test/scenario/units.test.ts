import { describe, expect, test } from "vitest";
import {
  UnitError, formatDuration, formatSize, parseBandwidth, parseDuration, parseFraction, parseRate, parseSize,
} from "../../src/scenario/units.js";

const MS = 1_000;
const S = 1_000_000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe("parseDuration", () => {
  test.each([
    ["250us", 250], ["250µs", 250], ["250μs", 250], ["1.5ms", 1_500], ["250ms", 250 * MS],
    ["30s", 30 * S], ["5m", 5 * MIN], ["2h", 2 * H], ["90d", 90 * D], ["1w", 7 * D],
    ["1y", 365 * D], ["0", 0], ["0s", 0], [".5s", 500 * MS], ["250 ms", 250 * MS],
    // Compound: the parts add up.
    ["1h30m", 90 * MIN], ["20h30m", 20 * H + 30 * MIN], ["1h 30m", 90 * MIN], ["1m30.5s", 90 * S + 500 * MS], ["1d12h", 36 * H],
  ])("%s is %i µs", (text, micros) => {
    expect(parseDuration(text)).toBe(micros);
  });

  test("rounds to the nearest whole µs", () => {
    expect(parseDuration("1.4us")).toBe(1);
    expect(parseDuration("1.5us")).toBe(2);
    expect(parseDuration("0.0001s")).toBe(100);
  });

  test.each(["10 minutes", "-5s", "5", "5 s s", "5ms ", " 5ms", "1e3ms", "5ns", "Infinity", "NaN", "", "1.5.5s", "5M", "1h30", "h30m", "1h30m "])(
    "rejects %j",
    (text) => {
      expect(() => parseDuration(text)).toThrow(UnitError);
    },
  );

  test("rejects durations beyond 2^53 µs and non-strings", () => {
    expect(() => parseDuration("1000000y")).toThrow(UnitError);
    expect(() => parseDuration(5 as unknown as string)).toThrow('expected a duration such as "250ms", got 5');
  });

  test("the message names what was expected and what was given", () => {
    expect(() => parseDuration("10 minutes")).toThrow('expected a duration such as "250ms", got "10 minutes"');
  });
});

describe("formatDuration", () => {
  test.each([
    [250 * MS, "250ms"], [1_500 * MS, "1.5s"], [2 * H, "2h"], [30 * MIN, "30m"], [90 * D, "90d"],
    [14 * D, "2w"], [365 * D, "1y"], [0, "0"], [250, "250us"], [1_001, "1.001ms"], [90 * MIN, "1.5h"],
    [1_234_567, "1234.567ms"], [-250 * MS, "-250ms"],
  ])("%i µs is %s", (micros, text) => {
    expect(formatDuration(micros)).toBe(text);
  });

  test("round-trips through parseDuration", () => {
    const samples = [0, 1, 999, 1_000, 1_001, 123_456_789, 59 * S, 61 * S, 3 * H + 1, 400 * D, 2 ** 52 + 1, 7_777_777_777];
    for (const micros of samples) expect(parseDuration(formatDuration(micros))).toBe(micros);
  });
});

describe("parseSize", () => {
  test.each([
    ["512B", 512], ["4KiB", 4096], ["1MiB", 2 ** 20], ["2GiB", 2 * 2 ** 30], ["1TiB", 2 ** 40],
    ["4KB", 4000], ["4kB", 4000], ["1.5MB", 1_500_000], ["1.5KiB", 1536], ["100", 100], [100, 100], ["0", 0],
  ] as const)("%s is %i bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each(["4 kilobytes", "-1B", "4kb", "4Kib", "1.5", "4 KiB/s"])("rejects %j", (text) => {
    expect(() => parseSize(text)).toThrow(/^expected a size such as "4KiB", got /);
  });

  test("rejects negative and fractional plain numbers", () => {
    expect(() => parseSize(-1)).toThrow("got -1");
    expect(() => parseSize(1.5)).toThrow(UnitError);
  });
});

describe("formatSize", () => {
  test("binary units when whole, else SI with at most two decimals, else bytes", () => {
    expect(formatSize(65_536)).toBe("64KiB");
    expect(formatSize(1024 ** 4)).toBe("1TiB");
    expect(formatSize(200 * 1024 ** 2)).toBe("200MiB");
    expect(formatSize(1.25e9)).toBe("1.25GB");
    expect(formatSize(1448)).toBe("1448B");
    expect(formatSize(0)).toBe("0B");
  });

  test("parseSize reads back what it writes", () => {
    for (const bytes of [0, 1, 999, 1000, 1024, 1448, 65_536, 1_048_577, 1.25e9, 3 * 1024 ** 3, 1024 ** 4, 7e12]) {
      expect(parseSize(formatSize(bytes))).toBe(bytes);
    }
  });
});

describe("parseRate", () => {
  test.each([
    [20_000, 20_000], ["20000/s", 20_000], ["20000", 20_000], ["100/min", 100 / 60], ["100/m", 100 / 60],
    ["5/h", 5 / 3600], ["2/d", 2 / 86_400], ["3/y", 3 / (365 * 86_400)], ["0.5/s", 0.5],
  ] as const)("%s is %f per second", (text, perSecond) => {
    expect(parseRate(text)).toBeCloseTo(perSecond, 12);
  });

  test.each(["fast", "10/fortnight", "-1/s", "1/s/s", "/s"])("rejects %j", (text) => {
    expect(() => parseRate(text)).toThrow(/^expected a rate such as "100\/s", got /);
  });

  test("rejects negative and non-finite numbers", () => {
    expect(() => parseRate(-1)).toThrow(UnitError);
    expect(() => parseRate(Infinity)).toThrow(UnitError);
  });
});

describe("parseFraction", () => {
  test.each([
    [0.001, 0.001], ["0.001", 0.001], ["0.1%", 0.001], ["99.9%", 0.999], ["100%", 1], [0, 0], [1, 1], ["50 %", 0.5],
  ] as const)("%s is %f", (text, fraction) => {
    expect(parseFraction(text)).toBe(fraction);
  });

  test.each(["150%", 1.5, -0.1, "half", "%", NaN])("rejects %j", (text) => {
    expect(() => parseFraction(text)).toThrow(UnitError);
  });
});

describe("parseBandwidth", () => {
  test.each([
    ["200MiB/s", 200 * 2 ** 20], ["1GB/s", 1e9], ["60KB/min", 1_000], ["1 GiB / s", 2 ** 30],
  ])("%s is %f bytes per second", (text, rate) => {
    expect(parseBandwidth(text)).toBe(rate);
  });

  test.each(["200MiB", "200/s", "fast", "1Gbps"])("rejects %j", (text) => {
    expect(() => parseBandwidth(text)).toThrow(/^expected a bandwidth such as "200MiB\/s", got /);
  });
});
