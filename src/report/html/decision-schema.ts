import * as z from "zod";
import { headerSchema, pairedDifferenceSchema, reportedEstimateSchema } from "./result-schemas.js";

/** One row of decide.json: a maintenance plan (or the baseline) over its replications. */
const decisionRow = z.looseObject({
  name: z.string(),
  strategy: z.string().nullable(),
  everyDays: z.number().nullable(),
  replications: z.number(),
  estimate: z.looseObject({ outagesPerYear: reportedEstimateSchema, outageHoursMean: reportedEstimateSchema }).catchall(reportedEstimateSchema),
  ratioToSafest: z.number().nullable(),
  causeShares: z.looseObject({ hardware: z.number().nullable(), maintenance: z.number().nullable(), badDeploy: z.number().nullable() }),
  outageHoursMaxAll: z.number(),
});

/** decide.json, as `relisim decide` writes it: the ranked plans, their pairs' verdicts, the baseline. */
export const decisionSchema = z.looseObject({
  header: headerSchema.extend({ margin: z.number(), maxReplications: z.number() }),
  stopped: z.enum(["resolved", "capped"]),
  rounds: z.number(),
  ranking: z.array(decisionRow).min(1),
  pairs: z.array(z.looseObject({ safer: z.string(), riskier: z.string(), difference: pairedDifferenceSchema, verdict: z.enum(["resolved", "tied", "unresolved", "capped"]) })),
  baseline: decisionRow,
});

export type DecisionFile = z.infer<typeof decisionSchema>;
export type DecisionFileRow = z.infer<typeof decisionRow>;
