import * as z from "zod";

/**
 * The `plan:` block of a cluster scenario: what `relisim plan` may change (knobs), what every
 * configuration must survive (cases: the base and variants), the goals it must meet in each,
 * and what a node costs. The planner finds the cheapest configuration meeting every goal.
 */

const pathList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Cost per provisioned node, in any unit the user likes ($/hour, $/month): printed as given. */
const nodeCost = z.number().positive().finite();

const valuesKnob = z.strictObject({
  set: pathList.describe("The scenario path (or list of paths, all set to the same value) this knob changes, as in --set: e.g. cluster.regions.0.nodesPerZone. Required."),
  values: z.array(z.unknown()).min(1).max(64).describe("The values the knob may take (1–64). With monotone: true, ordered from the least capacity to the most. Required."),
  monotone: z.boolean().default(false)
    .describe("Whether a later value never makes a goal harder to meet (more nodes, a higher limit). The planner then binary-searches this knob instead of trying every value; the last monotone knob listed is the one searched."),
});

const optionsKnob = z.strictObject({
  options: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/).max(64),
      z.strictObject({
        set: z.record(z.string(), z.unknown()).describe("The overrides (path: value) this option applies, e.g. { cluster.node.concurrency: 4 }. Required."),
        costPerNode: nodeCost.optional().describe("What a node of this option costs (e.g. an instance type's price). Absent: plan.costPerNode."),
      }),
    )
    .refine((o) => Object.keys(o).length >= 1 && Object.keys(o).length <= 64, { message: "give 1 to 64 options" })
    .describe("Named choices, NAME: { set: { path: value, ... }, costPerNode }, e.g. instance types. Required."),
});

export const planSchema = z
  .strictObject({
    knobs: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64), z.union([valuesKnob, optionsKnob]))
      .refine((k) => Object.keys(k).length >= 1, { message: "give at least one knob" })
      .describe("What the planner may change, NAME: { set, values, monotone } or NAME: { options }. Every combination is a candidate configuration. Required."),
    cases: z.array(z.string().min(1)).min(1).optional()
      .describe("The failure cases every candidate must survive: base (the scenario as written) and names of its variants. Absent: base and every variant."),
    goals: z.array(z.string().min(1)).min(1)
      .describe("What each case's outcome must satisfy, in the grammar of expect: with paths into one run's outcome, e.g. availability >= 0.9999, episodes.count == 0, latencyMs.GET.p99 <= 50. Required."),
    costPerNode: nodeCost.default(1).describe("What one server node costs, in any unit (printed as given); an option's costPerNode replaces it. A configuration costs its provisioned nodes × this."),
    replications: z.number().int().min(1).max(100).default(1)
      .describe("Runs per candidate and case, each on a seed derived from (seed, i), the same seeds for every candidate (common random numbers). A candidate passes only when every goal holds in every run."),
  })
  .optional()
  .meta({
    description: "A capacity plan for relisim plan: the cheapest configuration (knobs) meeting every goal in every failure case. Absent: relisim plan refuses the file.",
    examples: [
      {
        knobs: { nodesPerZone: { set: "cluster.regions.0.nodesPerZone", values: [1, 2, 3, 4], monotone: true } },
        cases: ["base", "zoneLoss"],
        goals: ["availability >= 0.999"],
        costPerNode: 1,
      },
    ],
  });

export type PlanSpec = NonNullable<z.output<typeof planSchema>>;
export type PlanKnobSpec = PlanSpec["knobs"][string];
