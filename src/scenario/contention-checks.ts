import type { DataPath } from "./scenario-error.js";
import type { ScenarioSpec } from "./schema.js";

type Problem = { readonly path: DataPath; readonly message: string };

/** Combinations compare-and-set and closed-loop clients do not support, as problems. */
export function contentionChecks(spec: ScenarioSpec, problems: Problem[]): void {
  const w = spec.workload;
  const list = w.namespaces ?? [];
  if (w.closedLoop !== false) {
    const path = ["workload", "closedLoop"];
    if (w.fanOut !== false || list.some((ns) => ns.fanOut !== undefined && ns.fanOut !== false)) {
      problems.push({ path, message: "closed-loop clients wait for one request at a time: not with workload.fanOut (a multi-get's parts are requests of their own)" });
    }
    if (spec.clients.paging !== false) problems.push({ path, message: "closed-loop clients wait for one request at a time: not with clients.paging (each page is a request of its own)" });
  }
  const casNamespaces = list.length === 0 ? (w.cas !== false ? ["default"] : []) : list.filter((ns) => (ns.cas ?? w.cas) !== false).map((ns) => ns.name);
  if (casNamespaces.length === 0) return;
  const path = w.cas !== false ? ["workload", "cas"] : ["workload", "namespaces"];
  if (spec.clients.chunking !== false) problems.push({ path, message: "a compare-and-set writes its value whole: not with clients.chunking" });
  const ts = spec.api.timeSeries;
  if (ts !== false) {
    const clash = casNamespaces.filter((name) => ts.namespaces === undefined || ts.namespaces.includes(name));
    if (clash.length > 0) problems.push({ path, message: `a compare-and-set needs a versioned row, not a time-series table: ${clash.join(", ")} (see api.timeSeries.namespaces)` });
  }
}
