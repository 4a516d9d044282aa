import * as z from "zod";
import { CRITICALITIES, type PrioritySheddingConfig } from "../model/limit/priority-shedding.js";
import type { DataPath } from "./scenario-error.js";
import { zFraction } from "./zod-units.js";

/** A criticality: `critical` (user-facing), `background`, `retry` (marked retries and hedges), most critical first. */
export const criticality = z.enum(CRITICALITIES).describe("A criticality: critical (user-facing), background, or retry (marked retries and hedges), most critical first.");

/**
 * Prioritised load shedding at each node's limiter: the share of the limit each criticality may
 * fill. Off by default; the shares must not grow from `critical` to `background` to `retry`.
 */
export const priorityShedding = z
  .union([
    z.literal(false),
    z
      .strictObject({
        critical: zFraction().default(1).describe("Share of the node's limit critical work may fill: admitted while fewer than ⌊share × limit⌋ are in flight."),
        background: zFraction().default(0.75).describe("Share of the node's limit background work may fill (at most critical's)."),
        retry: zFraction().default(0.5).describe("Share of the node's limit retry work may fill (at most background's)."),
      })
      .superRefine((s, ctx) => {
        for (const c of CRITICALITIES) if (!(s[c] > 0)) ctx.addIssue({ code: "custom", path: [c], message: `must be more than 0% (work that may fill none of the limit is never served), got ${pct(s[c])}` });
        for (let i = 1; i < CRITICALITIES.length; i++) {
          const [more, less] = [CRITICALITIES[i - 1], CRITICALITIES[i]];
          if (s[less] > s[more]) ctx.addIssue({ code: "custom", path: [less], message: `must be at most ${more}'s share (${pct(s[more])}): a less critical class never gets more of the limit, got ${pct(s[less])}` });
        }
      }),
  ])
  .default(false)
  .meta({ description: "Prioritised load shedding, with cluster.node.limit: each criticality may fill only its share of the node's limit (an idle node admits anything), so when a node is full the least critical work is shed first. false: none.", examples: [{ critical: "100%", background: "75%", retry: "50%" }] });

/** What criticality clients mark their retries and hedges with (each the less critical of it and the request's own). */
export const clientCriticality = z
  .union([z.literal(false), z.strictObject({
    retries: criticality.optional().describe("The criticality clients mark retries with (each takes the less critical of it and its request's own). Absent: the request's own."),
    hedges: criticality.optional().describe("The criticality clients mark hedges with (each takes the less critical of it and its request's own). Absent: the request's own."),
  })])
  .default(false)
  .meta({ description: "With cluster.node.priorityShedding: the criticality clients mark their retries and hedges with. false: unmarked.", examples: [{ retries: "retry", hedges: "retry" }] });

const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;

/** The parts of a scenario priority shedding reads. */
interface PrioritySpec {
  readonly cluster: { readonly node: { readonly limit: unknown; readonly priorityShedding: z.output<typeof priorityShedding> } };
  readonly workload: { readonly criticality?: z.output<typeof criticality>; readonly namespaces?: ReadonlyArray<{ readonly criticality?: z.output<typeof criticality> }> };
  readonly clients: { readonly criticality: z.output<typeof clientCriticality> };
}

/**
 * The model's priority-shedding config, or undefined when off; a problem for each key that would
 * do nothing (criticalities without shedding, shedding without a limit to take shares of).
 */
export function prioritySheddingConfig(spec: PrioritySpec, problems: Array<{ path: DataPath; message: string }>): PrioritySheddingConfig | undefined {
  const shedding = spec.cluster.node.priorityShedding;
  const marks = spec.clients.criticality;
  if (shedding === false) {
    const needs = "does nothing without cluster.node.priorityShedding (nothing sheds by criticality)";
    if (spec.workload.criticality !== undefined) problems.push({ path: ["workload", "criticality"], message: needs });
    spec.workload.namespaces?.forEach((ns, i) => {
      if (ns.criticality !== undefined) problems.push({ path: ["workload", "namespaces", i, "criticality"], message: needs });
    });
    if (marks !== false) problems.push({ path: ["clients", "criticality"], message: needs });
    return undefined;
  }
  if (spec.cluster.node.limit === false) {
    problems.push({ path: ["cluster", "node", "priorityShedding"], message: "needs cluster.node.limit: the shares are shares of a concurrency limit" });
  }
  const index = (c: z.output<typeof criticality>) => CRITICALITIES.indexOf(c);
  const own = spec.workload.criticality ?? "critical";
  const namespaces = spec.workload.namespaces ? spec.workload.namespaces.map((ns) => index(ns.criticality ?? own)) : [index(own)];
  return {
    shares: CRITICALITIES.map((c) => shedding[c]),
    namespaces,
    ...(marks !== false && marks.retries !== undefined ? { retries: index(marks.retries) } : {}),
    ...(marks !== false && marks.hedges !== undefined ? { hedges: index(marks.hedges) } : {}),
  };
}
