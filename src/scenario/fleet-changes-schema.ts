import * as z from "zod";
import { zBandwidth, zDuration, zFraction } from "./zod-units.js";

/** `fleet.bandwidth`: per-node links for rebuilds; a rebuild fills at min(inbound, peers × outbound × outboundShare). */
export const fleetBandwidthSchema = z.union([
  z.literal(false),
  z.strictObject({
    inbound: zBandwidth({ min: 1 }).describe("The most a rebuilding node receives. Required."),
    outbound: zBandwidth({ min: 1 }).describe("Each node's outbound link. Required."),
    outboundShare: zFraction().refine((x) => x > 0, { message: "must be > 0" }).describe("Share (above 0) of a peer's outbound link given to one rebuilding node; the rest is kept for its own traffic. Required."),
  }),
]).meta({ description: "Per-node links: a node filled by a stream takes dataPerNode / min(inbound, peers × outbound × outboundShare), peers being the nodes sharing a range with it; replaces streamBandwidth. false: streamBandwidth.", examples: [{ inbound: "1GiB/s", outbound: "1GiB/s", outboundShare: "25%" }] });

/** `fleet.snapshot`: the backups `repair: snapshot` restores from, then catches up by streaming deltas from peers. */
export const fleetSnapshotSchema = z.union([
  z.literal(false),
  z.strictObject({
    every: zDuration({ min: 1 }).describe("Snapshots are taken at whole multiples of this from the start. Required."),
    bandwidth: zBandwidth({ min: 1 }).describe("The speed a snapshot is downloaded at. Required."),
    writeRate: zBandwidth({ min: 0 }).describe("Bytes per second written to each node, streamed from peers after the download; must be below the slowest catch-up bandwidth. Required."),
  }),
]).meta({ description: "The backups repair: snapshot restores from (needed by it, and only with it): download dataPerNode, then stream the writes made since the snapshot. false: none.", examples: [{ every: "1d", bandwidth: "500MiB/s", writeRate: "1MiB/s" }] });

const badDeploys = z.union([
  z.literal(false),
  z.strictObject({
    share: zFraction().describe("Share of changes (passes) that are bad. Required."),
    canaryDetects: zFraction().describe("Chance that the pass's first node, the canary, shows a bad change: it is down for detectAfter and the pass stops. Required."),
    detectAfter: zDuration().describe("From the canary's step until a bad change is detected, or until an undetected one is everywhere. Required."),
    undetectedOutage: zDuration().describe("How long the whole cluster is down once an undetected bad change reached it. Required."),
  }),
]).describe("Bad deploys: { share, canaryDetects, detectAfter, undetectedOutage }, or false (none).");

const strategies = ["copyState", "reattachDrives", "imageInPlace", "noDowntime"] as const;

const streamFields = (strategy: (typeof strategies)[number]) => ({
  strategy: z.enum(strategies).default(strategy)
    .describe("How a step takes a node down: noDowntime (nothing down, never waits), imageInPlace (imageTime), reattachDrives (reattachTime) or copyState (a full stream)."),
  // A pass less often than once a century is no stream at all (leave it out).
  everyDays: z.number().positive().max(36_500).describe("Days between passes over a cluster, one node at a time (at most 36,500). Required."),
  failureChance: zFraction().default(0).describe("Chance that a step goes wrong: the node then needs a full state stream (0 with noDowntime)."),
  pauseBetweenNodes: zDuration().default(600_000_000).describe("From the end of one node's step to the start of the next."),
});

const noStreamWithNoDowntime = {
  message: "must be 0 with strategy noDowntime (a step that takes nothing down cannot need a stream)",
  path: ["failureChance"],
};

/** A software change stream: sidecars or process + kernel, which may ship bad deploys. */
const softwareStream = (strategy: (typeof strategies)[number], what: string) =>
  z
    .union([z.literal(false), z.strictObject({ ...streamFields(strategy), badDeploys: badDeploys.default(false) }).refine((s) => s.strategy !== "noDowntime" || s.failureChance === 0, noStreamWithNoDowntime)])
    .default(false)
    .describe(`${what}: a rolling stream { strategy, everyDays, failureChance, pauseBetweenNodes, badDeploys }, or false (none).`);

/** `fleet.changes`: the three change cadences as separate rolling streams, each off unless given. */
export const fleetChangesSchema = z.union([
  z.literal(false),
  z.strictObject({
    sidecars: softwareStream("noDowntime", "Sidecar changes (often, no downtime by default)"),
    processes: softwareStream("imageInPlace", "Process and kernel changes (with downtime, imageInPlace by default)"),
    stateMoves: z
      .union([z.literal(false), z.strictObject(streamFields("copyState")).refine((s) => s.strategy !== "noDowntime" || s.failureChance === 0, noStreamWithNoDowntime)])
      .default(false)
      .describe("State moves (copyState by default; not software, so no bad deploys): a rolling stream { strategy, everyDays, failureChance, pauseBetweenNodes }, or false (none)."),
  }),
]).meta({ description: "The three change cadences as separate rolling streams beside maintenance, each off unless given. false: none.", examples: [{ sidecars: { everyDays: 1 }, processes: { everyDays: 14, badDeploys: { share: "2%", canaryDetects: "90%", detectAfter: "30m", undetectedOutage: "2h" } } }] });
