import * as z from "zod";
import { scenarioSchema } from "./schema.js";

/** The JSON Schema of scenario files as users write them (durations as strings, and so on). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any", reused: "ref" }) as Record<string, unknown>;
  return { ...schema, title: "relisim scenario", description: "A relisim scenario file: topology, workload, clients, faults, SLO, variants and expectations." };
}
