import * as z from "zod";
import { zBandwidth, zDuration, zSize } from "./zod-units.js";

/**
 * cluster.replacement: how a node lost for good (a nodeCrash with no `for`) is replaced: from a
 * snapshot plus the deltas since, by streaming from peers, or by re-attaching its drives.
 */
export const replacement = z.union([
  z.literal(false),
  z
    .strictObject({
      strategy: z.enum(["snapshot", "stream", "reattach"])
        .describe("How the new node gets the state: stream (the live state from its peers), snapshot (the backup downloaded, then every write since it was taken) or reattach (the lost node's drives on the new instance, then the writes since the loss). Required."),
      provision: zDuration().default(0).describe("From failure detection to the new instance, before any state moves."),
      dataPerNode: zSize({ min: 1 }).describe("The state a node holds, which the new node must get. Required."),
      writeRate: zBandwidth({ min: 0 }).describe("Bytes per second written into the lost node's ranges, which the new node must catch up on. Required."),
      downloadBandwidth: zBandwidth({ min: 1 }).default(1024 ** 3).describe("snapshot: the speed the backup is downloaded at."),
      snapshotAge: zDuration().default(0).describe("snapshot: how long before the loss the backup was taken."),
      streamBandwidth: zBandwidth({ min: 1 }).describe("The speed peers stream state and missed writes at; must exceed writeRate. Required."),
      reattachTime: zDuration().default(600_000_000).describe("reattach: time to re-attach the drives to the new instance."),
      peerSlots: z.number().int().min(0).default(0).describe("While streaming, each peer (a node sharing a range) lends this many of its slots."),
      cutover: zDuration({ min: 1 }).default(1_000_000).describe("Catch-up goes in rounds, each streaming the backlog written during the last, until one takes at most this; the node serves only then."),
    })
    .refine((r) => r.streamBandwidth > r.writeRate, {
      message: "streamBandwidth must exceed writeRate, or a replacement never catches up on the writes",
      path: ["streamBandwidth"],
    }),
]).meta({ description: "Replacement of a node lost for good (a nodeCrash with no `for`): after failure detection and provisioning the new node gets the state, then the writes it missed, and serves only then. false: a crash without `for` stays down.", examples: [{ strategy: "stream", dataPerNode: "500GiB", writeRate: "2MiB/s", streamBandwidth: "100MiB/s" }] });
