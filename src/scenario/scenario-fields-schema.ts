import * as z from "zod";

/** The top-level fields cluster and fleet scenarios share: name, description, seed, variants, expect. */

export const scenarioName = z.string().min(1).optional().describe("The scenario's name, used for results/<name>/. Absent: the file's name.");

export const scenarioDescription = z.string().optional().describe("A free-text note on what the scenario shows; relisim does not read it.");

export const scenarioSeed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1)
  .describe("Root seed of every random stream (a whole number): the same scenario and seed give byte-identical results.");

export const scenarioVariants = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64), z.record(z.string(), z.unknown())).optional()
  .meta({
    description: "Named sets of overrides, NAME: { path: value, ... }, each a variant run on the same seed and compared side by side. Absent: the base run only.",
    examples: [{ noRetries: { "clients.retries": false }, slowDisk: { "cluster.node.disk": "5ms" } }],
  });

export const scenarioExpect = z.array(z.string()).default([])
  .meta({
    description: "Assertions on the outcome, checked by relisim test: comparisons of expressions over outcome paths (variants.NAME.… reads a variant's outcome).",
    examples: [["availability >= 0.999", "variants.B.latencyMs.GET.p99 < variants.A.latencyMs.GET.p99"]],
  });
