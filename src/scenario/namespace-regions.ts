import type { ScenarioProblem } from "./scenario-error.js";
import type { ScenarioSpec } from "./schema.js";
import { suggest } from "./did-you-mean.js";

type Problem = Omit<ScenarioProblem, "line" | "column">;

/**
 * Problems with namespaces kept in a subset of regions (`workload.namespaces[].regions`): each
 * name must be a region of the cluster, listed once, holding replicas; a pool holds none.
 */
export function namespaceRegionProblems(spec: ScenarioSpec): Problem[] {
  const problems: Problem[] = [];
  const regions = spec.cluster.regions;
  const names = regions.map((r) => r.name);
  spec.workload.namespaces?.forEach((ns, i) => {
    if (ns.regions === undefined) return;
    const path = ["workload", "namespaces", i, "regions"];
    if (spec.cluster.mode === "pool") {
      problems.push({ path, message: "a pool holds no replicas to keep in some regions: use cluster.mode: coordinated" });
      return;
    }
    ns.regions.forEach((name, j) => {
      const r = names.indexOf(name);
      if (r < 0) {
        const close = suggest(name, names);
        problems.push({ path: [...path, j], message: `no region "${name}" in cluster.regions${close ? ` (did you mean "${close}"?)` : ` (${names.join(", ")})`}` });
      } else if (ns.regions!.indexOf(name) !== j) problems.push({ path: [...path, j], message: `region "${name}" appears twice` });
      else if (regions[r].replicationFactor === 0) problems.push({ path: [...path, j], message: `region "${name}" has replicationFactor 0: it holds no replicas` });
    });
  });
  return problems;
}

/** Replica placements the cluster keeps: one for every region, and one per distinct list of regions of a namespace. */
export function placementCount(spec: ScenarioSpec): number {
  const lists = new Set((spec.workload.namespaces ?? []).filter((ns) => ns.regions).map((ns) => ns.regions!.join(",")));
  return lists.size === 0 ? 1 : 1 + lists.size;
}
