import { expect, test } from "vitest";
import { contendedServiceTime } from "../../../src/model/server/contention.js";

test("service time grows linearly with the work in flight: base × (1 + factor × (inflight − 1))", () => {
  expect([1, 2, 10, 11].map((n) => contendedServiceTime(1000, n, 0.1))).toEqual([1000, 1100, 1900, 2000]);
  expect(contendedServiceTime(1000, 50, 0)).toBe(1000);
  expect(contendedServiceTime(1000, 0, 0.1)).toBe(1000);
});

test("throughput n / service(n) never reaches 1 / (factor × base): past 1/factor in flight, more work buys little", () => {
  const throughput = (n: number) => n / contendedServiceTime(1000, n, 0.1); // requests per µs with n served at once
  const ceiling = 1 / (0.1 * 1000);
  expect(throughput(10) / ceiling).toBeCloseTo(10 / 19, 9);
  expect(throughput(100) / ceiling).toBeCloseTo(100 / 109, 9); // 10× the work in flight, 1.74× the throughput
});

test("a negative base or factor is a RangeError", () => {
  expect(() => contendedServiceTime(-1, 1, 0)).toThrow(RangeError);
  expect(() => contendedServiceTime(1, 1, -0.1)).toThrow(RangeError);
});
