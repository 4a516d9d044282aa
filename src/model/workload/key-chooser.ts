import type { Source } from "../../engine/random-streams.js";
import { zipfSampler } from "../../engine/distributions/zipf.js";
import type { KeySpaceConfig } from "../config.js";

/** Draws key numbers 0..count−1: uniformly, or by Zipf popularity (key 0 the hottest). */
export function keyChooser(config: KeySpaceConfig, source: Source): () => number {
  const count = config.count;
  if (config.popularity === "uniform" || config.zipfExponent === 0) {
    return () => Math.floor(source() * count);
  }
  const rank = zipfSampler(source, { n: count, s: config.zipfExponent });
  return () => rank() - 1;
}
