import { expect, test } from "vitest";
import { parseShard } from "../../src/cli/shard.js";

test("--shard i/N, or auto/N from the array-job index of Kubernetes, Slurm or AWS Batch", () => {
  expect(parseShard("3/10", {})).toEqual({ index: 3, count: 10 });
  expect(parseShard("auto/4", { JOB_COMPLETION_INDEX: "2" })).toEqual({ index: 2, count: 4 });
  expect(parseShard("auto/4", { SLURM_ARRAY_TASK_ID: "3" })).toEqual({ index: 3, count: 4 });
  expect(parseShard("auto/4", { SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_MIN: "1" })).toEqual({ index: 3, count: 4 }); // --array=1-4
  expect(parseShard("auto/4", { AWS_BATCH_JOB_ARRAY_INDEX: "0" })).toEqual({ index: 0, count: 4 });
});

test("a bad shard says what was expected", () => {
  expect(() => parseShard("3", {})).toThrow(/expects i\/N \(e\.g\. 3\/10\) or auto\/N, got "3"/);
  expect(() => parseShard("4/4", {})).toThrow(/index must be in 0\.\.3, got 4/);
  expect(() => parseShard("0/0", {})).toThrow(/count must be >= 1/);
  expect(() => parseShard("auto/4", {})).toThrow(/none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set/);
  expect(() => parseShard("auto/4", { JOB_COMPLETION_INDEX: "x" })).toThrow(/is not a whole number/);
});
