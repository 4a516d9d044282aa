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
      strategy: z.enum(["snapshot", "stream", "reattach"]),
      provision: zDuration().default(0),
      dataPerNode: zSize({ min: 1 }),
      writeRate: zBandwidth({ min: 0 }),
      downloadBandwidth: zBandwidth({ min: 1 }).default(1024 ** 3),
      snapshotAge: zDuration().default(0),
      streamBandwidth: zBandwidth({ min: 1 }),
      reattachTime: zDuration().default(600_000_000),
      peerSlots: z.number().int().min(0).default(0),
      cutover: zDuration({ min: 1 }).default(1_000_000),
    })
    .refine((r) => r.streamBandwidth > r.writeRate, {
      message: "streamBandwidth must exceed writeRate, or a replacement never catches up on the writes",
      path: ["streamBandwidth"],
    }),
]);
