import type { ResultSet } from "./read-results.js";
import type { ResultHeader } from "./result-schemas.js";

/** Which file of a results directory a section comes from, and what wrote it. */
export interface Source {
  readonly file: string;
  readonly command: string;
  readonly header: ResultHeader;
}

/** Every result file the report draws from, with the command that writes that kind of file. */
export function resultSources(results: ResultSet): Source[] {
  const sources: Source[] = [];
  if (results.clusterRun) sources.push({ file: "summary.json", command: "relisim run", header: results.clusterRun.summary.header });
  if (results.fleetRun) sources.push({ file: "summary.json", command: "relisim run", header: results.fleetRun.header });
  if (results.replicatedRun) sources.push({ file: "replications.json", command: "relisim run --replications", header: results.replicatedRun.header });
  if (results.clusterCompare) sources.push({ file: "compare.json", command: "relisim compare", header: results.clusterCompare.header });
  if (results.fleetCompare) sources.push({ file: "compare.json", command: "relisim compare", header: results.fleetCompare.header });
  if (results.replicatedCompare) sources.push({ file: "compare.json", command: "relisim compare --replications", header: results.replicatedCompare.header });
  if (results.sweep) sources.push({ file: "sweep.json", command: "relisim sweep", header: results.sweep.header });
  if (results.decision) sources.push({ file: "decide.json", command: "relisim decide", header: results.decision.header });
  return sources;
}

const runKey = (h: ResultHeader) => `${h.scenario}\u0000${h.hash}\u0000${h.seed}`;

/**
 * When one directory holds results of different runs (run on seed 3, then compare on seed 7, or
 * the scenario changed in between), a notice that says so and names each file's command, seed
 * and scenario hash; undefined when they all agree. Different commands on the same scenario and
 * seed are one experiment seen several ways, and need no notice.
 */
export function mixedResultsNotice(sources: readonly Source[]): string | undefined {
  if (new Set(sources.map((s) => runKey(s.header))).size <= 1) return undefined;
  const list = sources.map((s) => `${s.file} from ${s.command} (${s.header.scenario}, seed ${s.header.seed}, scenario hash ${s.header.hash})`);
  return (
    `This directory holds results of different runs: ${list.join("; ")}. ` +
    "They are not comparable with each other; each section says which it shows. Give each command its own --out directory to keep them apart."
  );
}
