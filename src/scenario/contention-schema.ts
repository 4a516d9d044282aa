import * as z from "zod";
import { zDistribution } from "./distribution-schema.js";
import { zFraction } from "./zod-units.js";

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** Compare-and-set: `share` of a namespace's PUTs read the key's version, then write conditionally on it. */
export const cas = z.union([z.literal(false), z.strictObject({ share: zFraction().default(1).describe("Share of PUTs that are compare-and-set.") })])
  .meta({ description: "Compare-and-set: a share of PUTs read the key's version, then write on condition it is unchanged; a write that lost the race fails with class conflict. false: plain PUTs.", examples: [{ share: "100%" }] });

/** Closed-loop clients: `clients` of them, each doing `operations` requests one after another, each after a `think` time. */
export const closedLoop = z.union([
  z.literal(false),
  z.strictObject({
    clients: count(1, 100_000).describe("Closed-loop clients (1–100000), spread in turn over the application instances, whose resilience stack they use."),
    operations: count(1, 1_000_000_000).describe("Requests each closed-loop client issues, one after another."),
    think: zDistribution("duration").default({ dist: "constant", value: 0 }).describe("Time a closed-loop client waits before each request."),
  }),
])
  .meta({ description: "Closed-loop clients beside the open-loop rate: each thinks, issues one request, waits for its end, and again, `operations` times. false: none.", examples: [{ clients: 100, operations: 1000, think: "10ms" }] });
