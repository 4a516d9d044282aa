import { dirname } from "node:path";
import { mergeShards } from "../experiment/sweep-shards.js";
import { writeSweep } from "./sweep-command.js";

/** `relisim merge`: shard files of one sweep → sweep.csv and sweep.json, as one machine would write them. */
export function mergeCommand(files: string[], flags: { out?: string; quiet?: boolean }): void {
  const { header, grid, results } = mergeShards(files);
  writeSweep(flags.out ?? dirname(files[0]), header, grid, results, flags.quiet);
}
