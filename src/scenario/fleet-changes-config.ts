import type { FleetConfig } from "../model/fleet/fleet-config.js";
import type { FleetScenarioSpec } from "./fleet-schema.js";
import { on } from "./off.js";

type Fleet = FleetScenarioSpec["fleet"];

/** The model's `bandwidth`, `snapshot` and `changes` of a fleet block: only the keys that are on. */
export function recoveryAndChanges(bandwidth: Fleet["bandwidth"], snapshot: Fleet["snapshot"], changes: Fleet["changes"]): Partial<FleetConfig> {
  const out: { -readonly [K in keyof FleetConfig]?: FleetConfig[K] } = {};
  if (bandwidth !== false) out.bandwidth = bandwidth;
  if (snapshot !== false) out.snapshot = snapshot;
  if (changes !== false) {
    const { sidecars, processes, stateMoves } = changes;
    const withBad = <T extends { badDeploys: B | false }, B>(s: T) => ({ ...s, badDeploys: on(s.badDeploys) });
    out.changes = {
      ...(sidecars !== false ? { sidecars: withBad(sidecars) } : {}),
      ...(processes !== false ? { processes: withBad(processes) } : {}),
      ...(stateMoves !== false ? { stateMoves } : {}),
    };
  }
  return out;
}

/** Problems across the recovery keys of a fleet block: snapshot with its repair, catch-up faster than writes. */
export function recoveryProblems(fleet: Fleet): Array<{ path: (string | number)[]; message: string }> {
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  if (fleet.repair === "snapshot" && fleet.snapshot === false) problems.push({ path: ["fleet", "snapshot"], message: "is needed by repair: snapshot (every, bandwidth, writeRate)" });
  if (fleet.repair !== "snapshot" && fleet.snapshot !== false) problems.push({ path: ["fleet", "snapshot"], message: "is used only by repair: snapshot (set it, or leave snapshot out)" });
  if (fleet.bandwidth !== false && fleet.replicationFactor < 2) problems.push({ path: ["fleet", "bandwidth"], message: "needs replicationFactor >= 2 (a node with no peers has nothing to stream from)" });
  if (fleet.snapshot !== false) {
    const b = fleet.bandwidth;
    const catchUp = b === false ? fleet.streamBandwidth : Math.min(b.inbound, b.outbound * b.outboundShare);
    if (!(fleet.snapshot.writeRate < catchUp)) {
      problems.push({ path: ["fleet", "snapshot", "writeRate"], message: `must be below the slowest catch-up bandwidth (${catchUp} bytes/s: ${b === false ? "streamBandwidth" : "min(inbound, outbound × outboundShare)"}), or the deltas never catch up` });
    }
  }
  return problems;
}
