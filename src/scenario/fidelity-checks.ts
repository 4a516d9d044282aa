import type { DataPath } from "./scenario-error.js";
import type { ScenarioSpec } from "./schema.js";

type Problem = { readonly path: DataPath; readonly message: string };

/**
 * What hybrid fidelity cannot carry as fluid: mechanisms that depend on individual requests'
 * identity or count (a limiter counting requests in flight, caches and hot keys, tokens,
 * versions, tied copies, pages). Each is refused with the setting that asks for it.
 */
export function fidelityChecks(spec: ScenarioSpec, problems: Problem[]): void {
  if (spec.fidelity === false || spec.fidelity.sample >= 1) return;
  const refuse = (path: DataPath, why: string) => problems.push({ path, message: `not with fidelity.sample below 100%: ${why}` });
  const node = spec.cluster.node;
  if (node.limit !== false) refuse(["cluster", "node", "limit"], "a concurrency limit counts the requests in flight one by one, and most are fluid");
  if (spec.clients.hedging !== false && spec.clients.hedging.tied !== false) refuse(["clients", "hedging", "tied"], "tied requests cancel one another's queued copies, which the fluid does not hold");
  if (spec.clients.cache !== false) refuse(["clients", "cache"], "a cache's hit rate depends on every request's key, and most are fluid");
  if (spec.clients.paging !== false) refuse(["clients", "paging"], "pages are served by the queue length of individual requests");
  if (spec.clients.scan !== false) refuse(["clients", "scan"], "scans are served by the queue length of individual requests");
  // A client's own in-flight counts are the sample's: a balancer or limit weighing them sees a lighter client.
  const policy = (spec.clients.balancer as { policy?: string }).policy;
  if (policy === "leastOutstanding" || policy === "choiceOfTwo" || policy === "weightedChoiceOfN") {
    refuse(["clients", "balancer"], `${policy} weighs the client's own requests in flight, of which only the sample is held (random and roundRobin do not)`);
  }
  if (spec.clients.hedging !== false && spec.clients.hedging.limiter !== false) refuse(["clients", "hedging", "limiter"], "the hedge limiter counts the client's own hedges in flight, of which only the sample is held");
  const signals = spec.cluster.signals;
  const capped = [signals.concurrency, ...Object.values(signals.ops).map((o) => o?.concurrency), ...Object.values(signals.namespaces).flatMap((ns) => Object.values(ns).map((o) => o?.concurrency)), ...signals.timeline.map((t) => t.concurrency)];
  if (signals.concurrency !== 1_000_000 || capped.slice(1).some((c) => c !== undefined)) {
    refuse(["cluster", "signals", "concurrency"], "a client's cap on its requests in flight to a server counts them one by one, and only the sample is held");
  }
  const w = spec.workload;
  if (w.closedLoop !== false) refuse(["workload", "closedLoop"], "closed-loop clients' load depends on each request's latency; use an open-loop rate");
  const namespaces = w.namespaces ?? [];
  if (w.keys.popularity !== "uniform") refuse(["workload", "keys", "popularity"], "hot keys load their replicas unevenly, and the fluid spreads a zone's load evenly over its nodes");
  namespaces.forEach((ns, i) => {
    if (ns.keys !== undefined && ns.keys.popularity !== "uniform") refuse(["workload", "namespaces", i, "keys", "popularity"], "hot keys load their replicas unevenly, and the fluid spreads a zone's load evenly over its nodes");
  });
  if (w.cas !== false || namespaces.some((ns) => ns.cas !== undefined && ns.cas !== false)) refuse(["workload", "cas"], "compare-and-set conflicts depend on every write's version");
  if (spec.api.idempotency !== false) refuse(["api", "idempotency"], "idempotency tokens are kept per request");
  if (spec.api.timeSeries !== false) refuse(["api", "timeSeries"], "time-series modes queue individual writes");
  if (spec.appTier !== false) refuse(["appTier"], "the application tier's slots are held by individual requests");
}
