import * as z from "zod";
import { zDistribution } from "./distribution-schema.js";
import { zFraction } from "./zod-units.js";

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** Compare-and-set: `share` of a namespace's PUTs read the key's version, then write conditionally on it. */
export const cas = z.union([z.literal(false), z.strictObject({ share: zFraction().default(1) })]);

/** Closed-loop clients: `clients` of them, each doing `operations` requests one after another, each after a `think` time. */
export const closedLoop = z.union([
  z.literal(false),
  z.strictObject({
    clients: count(1, 100_000),
    operations: count(1, 1_000_000_000),
    think: zDistribution("duration").default({ dist: "constant", value: 0 }),
  }),
]);
