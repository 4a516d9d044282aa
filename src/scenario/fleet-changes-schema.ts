import * as z from "zod";
import { zBandwidth, zDuration, zFraction } from "./zod-units.js";

/** `fleet.bandwidth`: per-node links for rebuilds; a rebuild fills at min(inbound, peers × outbound × outboundShare). */
export const fleetBandwidthSchema = z.union([
  z.literal(false),
  z.strictObject({
    inbound: zBandwidth({ min: 1 }),
    outbound: zBandwidth({ min: 1 }),
    outboundShare: zFraction().refine((x) => x > 0, { message: "must be > 0" }),
  }),
]);

/** `fleet.snapshot`: the backups `repair: snapshot` restores from, then catches up by streaming deltas from peers. */
export const fleetSnapshotSchema = z.union([
  z.literal(false),
  z.strictObject({
    every: zDuration({ min: 1 }),
    bandwidth: zBandwidth({ min: 1 }),
    writeRate: zBandwidth({ min: 0 }),
  }),
]);

const badDeploys = z.union([
  z.literal(false),
  z.strictObject({
    share: zFraction(),
    canaryDetects: zFraction(),
    detectAfter: zDuration(),
    undetectedOutage: zDuration(),
  }),
]);

const strategies = ["copyState", "reattachDrives", "imageInPlace", "noDowntime"] as const;

const streamFields = (strategy: (typeof strategies)[number]) => ({
  strategy: z.enum(strategies).default(strategy),
  // A pass less often than once a century is no stream at all (leave it out).
  everyDays: z.number().positive().max(36_500),
  failureChance: zFraction().default(0),
  pauseBetweenNodes: zDuration().default(600_000_000),
});

const noStreamWithNoDowntime = {
  message: "must be 0 with strategy noDowntime (a step that takes nothing down cannot need a stream)",
  path: ["failureChance"],
};

/** A software change stream: sidecars or process + kernel, which may ship bad deploys. */
const softwareStream = (strategy: (typeof strategies)[number]) =>
  z
    .union([z.literal(false), z.strictObject({ ...streamFields(strategy), badDeploys: badDeploys.default(false) }).refine((s) => s.strategy !== "noDowntime" || s.failureChance === 0, noStreamWithNoDowntime)])
    .default(false);

/** `fleet.changes`: the three change cadences as separate rolling streams, each off unless given. */
export const fleetChangesSchema = z.union([
  z.literal(false),
  z.strictObject({
    sidecars: softwareStream("noDowntime"),
    processes: softwareStream("imageInPlace"),
    stateMoves: z
      .union([z.literal(false), z.strictObject(streamFields("copyState")).refine((s) => s.strategy !== "noDowntime" || s.failureChance === 0, noStreamWithNoDowntime)])
      .default(false),
  }),
]);
