import { describe, expect, test } from "vitest";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { AttemptErrors } from "../../../src/model/faults/attempt-errors.js";
import { NO_CLASS } from "../../../src/model/request/error-class.js";

const setup = () => {
  const streams = new RandomStreams(1);
  return { streams, errors: new AttemptErrors(streams, ["a/0", "b/0"]) };
};

describe("AttemptErrors", () => {
  test("no fault acting: no error and no stream taken", () => {
    const { streams, errors } = setup();
    expect([errors.draw(0), errors.draw(1), streams.names]).toEqual([NO_CLASS, NO_CLASS, []]);
  });

  test("probability 1 fails every attempt at its node, with its class, until it stops", () => {
    const { streams, errors } = setup();
    const fault = { probability: 1, errorClass: 5 };
    errors.start(1, fault);
    expect([errors.draw(0), errors.draw(1), errors.draw(1)]).toEqual([NO_CLASS, 5, 5]);
    errors.stop(1, fault);
    expect(errors.draw(1)).toBe(NO_CLASS);
    expect(streams.names).toEqual(["faults/attempt-errors/b/0"]);
  });

  test("two faults of 1/2 are independent: 1/2 of the first class, 1/4 of the second, 1/4 none (±4 sd of 10 000)", () => {
    const { errors } = setup();
    errors.start(0, { probability: 0.5, errorClass: 1 });
    errors.start(0, { probability: 0.5, errorClass: 4 });
    const n = 10_000;
    const tally = [1, 4, NO_CLASS].map(() => 0);
    for (let i = 0; i < n; i++) tally[[1, 4, NO_CLASS].indexOf(errors.draw(0))]++;
    const near = (count: number, p: number) => expect(Math.abs(count / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    near(tally[0], 0.5);
    near(tally[1], 0.25);
    near(tally[2], 0.25);
  });

  test("a probability outside [0, 1] is a RangeError", () => {
    expect(() => setup().errors.start(0, { probability: 1.5, errorClass: 4 })).toThrow(RangeError);
  });
});
