import { InvalidArgumentError } from "commander";
import type { Shard } from "../experiment/sweep-shards.js";

/** Batch systems' array-job index variables, in the order they are looked for. */
const INDEX_VARIABLES = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX"] as const;

/**
 * Parses `--shard i/N` (0 ≤ i < N), or `--shard auto/N` to take i from the environment of a
 * Kubernetes Indexed Job, a Slurm array (less SLURM_ARRAY_TASK_MIN, so --array=1-N works too)
 * or an AWS Batch array job.
 */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const m = /^(\d+|auto)\/(\d+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`--shard expects i/N (e.g. 3/10) or auto/N, got "${value}"`);
  const count = Number(m[2]);
  if (count < 1) throw new InvalidArgumentError(`--shard: the shard count must be >= 1, got ${count}`);
  let index: number;
  if (m[1] === "auto") {
    const name = INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== "");
    if (!name) throw new InvalidArgumentError(`--shard auto/${count}: none of ${INDEX_VARIABLES.join(", ")} is set; give the index, e.g. --shard 0/${count}`);
    index = Number(env[name]) - (name === "SLURM_ARRAY_TASK_ID" ? Number(env.SLURM_ARRAY_TASK_MIN ?? 0) : 0);
    if (!Number.isSafeInteger(index)) throw new InvalidArgumentError(`--shard auto: ${name}="${env[name]}" is not a whole number`);
  } else {
    index = Number(m[1]);
  }
  if (index < 0 || index >= count) throw new InvalidArgumentError(`--shard: the index must be in 0..${count - 1}, got ${index}`);
  return { index, count };
}
