import type { OpSlo } from "../metrics/slo.js";
import { impossibleConsistency } from "../model/cluster/consistency.js";
import { regionNodeCount, zoneNodeCount } from "../model/topology.js";
import { OPS, type ApiConfig, type FaultEvent, type FanOutConfig, type FaultTarget, type NamespaceConfig, type Signal, type SignalsConfig, type WorldConfig } from "../model/config.js";
import { suggest } from "./did-you-mean.js";
import { ExpectationSyntaxError, parseExpectation } from "./expectation.js";
import type { DataPath, ScenarioProblem } from "./scenario-error.js";
import type { ScenarioFault, ScenarioSpec } from "./schema.js";
import type { SimulationConfig } from "./simulation-config.js";
import { worldSizeProblems } from "./world-size.js";
import { namespaceRegionProblems } from "./namespace-regions.js";
import { on } from "./off.js";
import { fidelityChecks } from "./fidelity-checks.js";
import { contentionChecks } from "./contention-checks.js";
import { prioritySheddingConfig } from "./priority-schema.js";
import { phaseSpecs } from "./phases-schema.js";
import { trafficCurve } from "./traffic-config.js";
import type { TrafficFiles } from "./traffic-file.js";

type Problem = Omit<ScenarioProblem, "line" | "column">;

/** The scenario's fault target, with a problem unless exactly one target is named. */
function faultTarget(fault: ScenarioFault, path: DataPath, problems: Problem[]): FaultTarget {
  switch (fault.kind) {
    case "nodeCrash":
      return { node: fault.node };
    case "zoneOutage":
      return { zone: fault.zone };
    case "regionOutage":
      return { region: fault.region };
    case "tokenServiceDegradation":
      return { all: true }; // it hits a service, not servers
  }
  const named = (["node", "zone", "region", "all"] as const).filter((k) => fault[k] !== undefined);
  if (named.length !== 1) {
    problems.push({ path, message: `name exactly one target: node, zone, region or all: true (got ${named.join(", ") || "none"})` });
    return { all: true };
  }
  const k = named[0];
  return k === "all" ? { all: true } : ({ [k]: fault[k] } as FaultTarget);
}

function modelFault(fault: ScenarioFault, target: FaultTarget, namespaceNames: readonly string[], index: number): FaultEvent {
  if (fault.kind === "tokenServiceDegradation") return { ...fault, region: fault.service === "regional" ? fault.region : undefined };
  const base = { at: fault.at, for: "for" in fault ? fault.for : undefined, target };
  switch (fault.kind) {
    case "nodeCrash":
    case "zoneOutage":
    case "regionOutage":
      return { ...base, kind: fault.kind };
    case "diskDegradation":
      return { ...base, kind: "diskDegradation", factor: fault.factor };
    case "gcStorm":
      return { ...base, kind: "gcStorm", gc: { interval: fault.interval, pause: fault.pause } };
    case "errors":
      return { ...base, kind: "errors", share: fault.share };
    case "attemptErrors":
      return { ...base, kind: "attemptErrors", probability: fault.probability, errorClass: fault.class };
    case "packetLoss":
      return { ...base, kind: "packetLoss", share: fault.share };
    case "cacheRestart":
      return { at: fault.at, for: undefined, target, kind: "cacheRestart", prewarm: fault.prewarm };
    case "maintenanceWave":
      return { at: fault.at, for: undefined, target, kind: "maintenanceWave", down: fault.down, gap: fault.gap, batch: fault.batch, drain: fault.drain };
    case "retryStorm": {
      const ns = fault.namespace === undefined ? undefined : namespaceNames.indexOf(fault.namespace);
      return { ...base, kind: "retryStorm", factor: fault.factor, namespace: ns, namespaceName: fault.namespace };
    }
    case "extension": // a kind a program registered: its own stream, named by kind and place in the timeline
      return { ...base, kind: "extension", name: fault.name, params: fault.params, stream: `faults/${fault.name}/${index}` };
  }
}

function opSlo(spec: ScenarioSpec["slo"]["GET"]): OpSlo {
  const [percentile, latency] =
    spec.p50 !== undefined ? [50, spec.p50] : spec.p90 !== undefined ? [90, spec.p90] : spec.p999 !== undefined ? [99.9, spec.p999] : [99, spec.p99!];
  return { percentile, latency, errorRate: spec.errorRate };
}

/** A region's copies per range: as written, else 3 in coordinated mode and none in a pool. */
function replicationFactor(spec: ScenarioSpec, region: ScenarioSpec["cluster"]["regions"][number]): number {
  return region.replicationFactor ?? (spec.cluster.mode === "pool" ? 0 : 3);
}

/** Checks what the schema cannot (names that must exist, counts that must fit). */
function crossChecks(spec: ScenarioSpec, problems: Problem[]): void {
  const zones = new Map<string, string>();
  const nodeIds = new Set<string>();
  const regionNames = spec.cluster.regions.map((r) => r.name);
  spec.cluster.regions.forEach((region, r) => {
    if (regionNames.indexOf(region.name) !== r) problems.push({ path: ["cluster", "regions", r, "name"], message: `region "${region.name}" appears twice` });
    region.zones.forEach((zone, z) => {
      if (zones.has(zone)) problems.push({ path: ["cluster", "regions", r, "zones", z], message: `zone "${zone}" appears twice` });
      zones.set(zone, region.name);
      for (let i = 0; i < zoneNodeCount(region, z); i++) nodeIds.add(`${zone}/${i}`);
    });
    if (typeof region.nodesPerZone !== "number" && region.nodesPerZone.length !== region.zones.length) {
      const [counts, zones] = [region.nodesPerZone.length, region.zones.length];
      problems.push({ path: ["cluster", "regions", r, "nodesPerZone"], message: `${counts} node counts for ${zones} zones: give one per zone, in the order of zones` });
    }
    const nodes = regionNodeCount(region);
    const rf = replicationFactor(spec, region);
    if (rf > nodes) {
      problems.push({
        path: ["cluster", "regions", r, "replicationFactor"],
        message: `replication factor ${rf} is more than the ${nodes} nodes of region "${region.name}"`,
      });
    }
  });
  const clientRegions = spec.clients.regions ?? regionNames;
  spec.clients.regions?.forEach((name, i) => {
    if (!regionNames.includes(name)) problems.push({ path: ["clients", "regions", i], message: `no region "${name}" in cluster.regions (${regionNames.join(", ")})` });
  });
  // A pool serves each request on the node the client reached: no replicas, no consistency level to meet.
  const regions = spec.cluster.regions.map((r) => ({ name: r.name, replicationFactor: replicationFactor(spec, r) }));
  for (const kind of spec.cluster.mode === "pool" ? [] : (["read", "write"] as const)) {
    const path = ["cluster", "consistency", kind];
    for (const message of impossibleConsistency(spec.cluster.consistency[kind], regions, clientRegions)) problems.push({ path, message });
  }
  spec.faults.timeline.forEach((fault, i) => {
    const path = ["faults", "timeline", i];
    const check = (key: string, value: string | undefined, known: readonly string[], hint: string) => {
      if (value === undefined || known.includes(value)) return;
      const close = suggest(value, known);
      problems.push({ path: [...path, key], message: `no ${key} "${value}" in the topology${close ? ` (did you mean "${close}"?)` : ` (${hint})`}` });
    };
    if ("node" in fault) check("node", fault.node, [...nodeIds], "node ids are zone/index, e.g. us-east-1a/0");
    if ("zone" in fault) check("zone", fault.zone, [...zones.keys()], `zones: ${[...zones.keys()].join(", ")}`);
    if ("region" in fault) check("region", fault.region, regionNames, `regions: ${regionNames.join(", ")}`);
    if (fault.at >= spec.duration) problems.push({ path: [...path, "at"], message: "starts after the run ends (see duration)" });
  });
  if (spec.clients.hedging !== false && spec.clients.hedging.tied !== false && spec.cluster.mode !== "pool") {
    problems.push({ path: ["clients", "hedging", "tied"], message: "tied requests cancel a copy in a server's queue: use cluster.mode: pool (a coordinator's replicas are not tied)" });
  }
  if (spec.clients.scan !== false && spec.clients.paging === false) {
    problems.push({ path: ["clients", "scan"], message: "a scan reads pages as clients.paging says: set clients.paging too" });
  }
  if (spec.warmUp >= spec.duration) problems.push({ path: ["warmUp"], message: "must be shorter than duration: nothing would be left to measure" });
  spec.workload.multipliers.forEach((m, i) => {
    if (m.to <= m.from) problems.push({ path: ["workload", "multipliers", i, "to"], message: "must be later than from" });
  });
  spec.expect.forEach((text, i) => {
    try {
      parseExpectation(text);
    } catch (error) {
      if (!(error instanceof ExpectationSyntaxError)) throw error;
      problems.push({ path: ["expect", i], message: error.message.split("\n")[0] });
    }
  });
}

function signalsConfig(spec: ScenarioSpec["cluster"]["signals"]): SignalsConfig {
  const pick = (o: Partial<Signal>): Partial<Signal> => {
    const out: { -readonly [K in keyof Signal]?: Signal[K] } = {};
    for (const k of ["target", "max", "concurrency", "hedges"] as const) if (o[k] !== undefined) out[k] = o[k];
    return out;
  };
  const overrides: Array<SignalsConfig["overrides"][number]> = [];
  for (const op of OPS) {
    const o = spec.ops[op];
    if (o) overrides.push({ op, signal: pick(o) });
  }
  for (const [namespace, ops] of Object.entries(spec.namespaces)) {
    for (const op of OPS) {
      const o = ops[op];
      if (o) overrides.push({ namespace, op, signal: pick(o) });
    }
  }
  return {
    default: { target: spec.target, max: spec.max, concurrency: spec.concurrency, hedges: spec.hedges },
    overrides,
    timeline: spec.timeline.map((t) => ({ at: t.at, namespace: t.namespace, op: t.op, signal: pick(t) })),
  };
}

function namespaces(w: ScenarioSpec["workload"]): NamespaceConfig[] {
  if (!w.namespaces) return [{ name: "default", share: 1, mix: w.mix, valueSize: w.valueSize, keys: w.keys, ...fanOut(w.fanOut), ...cas(w.cas) }];
  return w.namespaces.map((ns) => ({
    name: ns.name,
    share: ns.share,
    mix: ns.mix ?? w.mix,
    valueSize: ns.valueSize ?? w.valueSize,
    keys: ns.keys ?? w.keys,
    ...fanOut(ns.fanOut ?? w.fanOut),
    ...(ns.regions ? { regions: ns.regions } : {}),
    ...cas(ns.cas ?? w.cas),
  }));
}

/** A namespace's multi-get, as a key only when on (so a config without one is as before). */
function fanOut(f: ScenarioSpec["workload"]["fanOut"]): { fanOut?: FanOutConfig } {
  return f === false ? {} : { fanOut: f };
}

/** A namespace's compare-and-set, as a key only when on. */
function cas(c: ScenarioSpec["workload"]["cas"]): { cas?: { share: number } } {
  return c === false ? {} : { cas: c };
}

function namespaceChecks(spec: ScenarioSpec, problems: Problem[]): void {
  const names = namespaces(spec.workload).map((n) => n.name);
  if (spec.workload.namespaces) {
    const sum = spec.workload.namespaces.reduce((a, n) => a + n.share, 0);
    if (Math.abs(sum - 1) > 1e-9) problems.push({ path: ["workload", "namespaces"], message: `the shares must add up to 100%, got ${Number((sum * 100).toFixed(4))}%` });
    spec.workload.namespaces.forEach((n, i) => {
      if (names.indexOf(n.name) !== i) problems.push({ path: ["workload", "namespaces", i, "name"], message: `namespace "${n.name}" appears twice` });
    });
  }
  const known = (name: string, path: DataPath) => {
    if (names.includes(name)) return;
    const close = suggest(name, names);
    problems.push({ path, message: `no namespace "${name}" in workload.namespaces${close ? ` (did you mean "${close}"?)` : ` (namespaces: ${names.join(", ")})`}` });
  };
  for (const name of Object.keys(spec.cluster.signals.namespaces)) known(name, ["cluster", "signals", "namespaces", name]);
  spec.cluster.signals.timeline.forEach((t, i) => {
    if (t.namespace !== undefined) known(t.namespace, ["cluster", "signals", "timeline", i, "namespace"]);
  });
  spec.faults.timeline.forEach((f, i) => {
    if (f.kind === "retryStorm" && f.namespace !== undefined) known(f.namespace, ["faults", "timeline", i, "namespace"]);
  });
}

/** The model's API config, with a problem for each namespace name it does not know and each fault it cannot honour. */
function apiConfig(spec: ScenarioSpec, problems: Problem[]): ApiConfig | undefined {
  const { idempotency, timeSeries } = spec.api;
  const names = namespaces(spec.workload).map((n) => n.name);
  const servedTokens = idempotency !== false && (idempotency.token === "regional" || idempotency.token === "global");
  spec.faults.timeline.forEach((f, i) => {
    if (f.kind !== "tokenServiceDegradation") return;
    if (!servedTokens) problems.push({ path: ["faults", "timeline", i, "kind"], message: "a token service fault needs api.idempotency.token: regional or global" });
    if (f.service === "global" && f.region !== undefined) problems.push({ path: ["faults", "timeline", i, "region"], message: "the global token service has no region" });
  });
  if (timeSeries !== false && timeSeries.mode !== "durable" && spec.cluster.mode === "pool") {
    problems.push({ path: ["api", "timeSeries", "mode"], message: `${timeSeries.mode} needs a coordinator's queue: use cluster.mode: coordinated (a pool serves writes directly, as durable)` });
  }
  if (idempotency === false && timeSeries === false) return undefined;
  let timeSeriesNamespaces = names.map((_, i) => i);
  if (timeSeries !== false && timeSeries.namespaces) {
    timeSeriesNamespaces = timeSeries.namespaces.map((name, i) => {
      const index = names.indexOf(name);
      if (index < 0) {
        const close = suggest(name, names);
        problems.push({ path: ["api", "timeSeries", "namespaces", i], message: `no namespace "${name}" in workload.namespaces${close ? ` (did you mean "${close}"?)` : ` (namespaces: ${names.join(", ")})`}` });
      }
      return index;
    }).filter((i) => i >= 0);
  }
  return {
    idempotency: on(idempotency),
    timeSeries: on(timeSeries, (t) => ({ ...t, namespaces: timeSeriesNamespaces })),
  };
}

/**
 * Maps a validated scenario to the model's config; problems found on the way are returned.
 * `files` reads the data files it names (a traffic series); without it they are left out.
 */
export function toSimulation(spec: ScenarioSpec, files?: TrafficFiles): { config: SimulationConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  crossChecks(spec, problems);
  problems.push(...worldSizeProblems(spec));
  namespaceChecks(spec, problems);
  problems.push(...namespaceRegionProblems(spec));
  contentionChecks(spec, problems);
  fidelityChecks(spec, problems);
  const nsNames = namespaces(spec.workload).map((n) => n.name);
  const timeline = spec.faults.timeline.map((fault, i) => modelFault(fault, faultTarget(fault, ["faults", "timeline", i], problems), nsNames, i));
  const c = spec.clients;
  const curve = trafficCurve(spec, files, problems);
  const world: WorldConfig = {
    duration: spec.duration,
    cluster: {
      ...spec.cluster,
      regions: spec.cluster.regions.map((r) => ({ ...r, replicationFactor: replicationFactor(spec, r) })),
      signals: signalsConfig(spec.cluster.signals),
      evacuation: on(spec.cluster.evacuation),
      autoscaling: on(spec.cluster.autoscaling),
      ejection: on(spec.cluster.ejection),
      replacement: on(spec.cluster.replacement),
      node: {
        ...spec.cluster.node,
        limit: on(spec.cluster.node.limit),
        priorityShedding: prioritySheddingConfig(spec, problems),
        deathSpiral: on(spec.cluster.node.deathSpiral),
      },
    },
    workload: {
      rate: typeof spec.workload.rate === "number" ? spec.workload.rate : 0,
      schedule: { steps: spec.workload.steps, multipliers: spec.workload.multipliers, ...(curve ? { curve } : {}) },
      namespaces: namespaces(spec.workload),
      ...(spec.workload.closedLoop === false ? {} : { closedLoop: spec.workload.closedLoop }),
    },
    client: {
      perZone: c.perZone,
      regions: c.regions,
      balancer: c.balancer,
      timeouts: c.timeouts,
      hedging: on(c.hedging, (h) => ({ ...h, limiter: on(h.limiter), tied: on(h.tied) })),
      retries: on(c.retries, (r) => ({ ...r, budget: on(r.budget) })),
      gc: on(c.gc),
      cache: on(c.cache),
      compression: on(c.compression),
      chunking: on(c.chunking),
      paging: on(c.paging),
      scan: on(c.scan),
    },
    faults: { timeline, nodeFailures: spec.faults.nodeFailures },
    api: apiConfig(spec, problems),
    appTier: on(spec.appTier, (a) => ({ ...a, autoscaling: on(a.autoscaling) })),
    ...(spec.fidelity !== false && spec.fidelity.sample < 1 ? { fidelity: spec.fidelity } : {}),
  };
  if (spec.appTier !== false && spec.appTier.headroom.preInject && spec.cluster.evacuation === false) {
    problems.push({ path: ["appTier", "headroom", "preInject"], message: "pre-injection acts on a region's evacuation: it needs cluster.evacuation" });
  }
  const metrics = {
    window: spec.slo.window,
    mergeGap: spec.slo.mergeGap,
    minRequests: spec.slo.minRequests,
    warmUp: spec.warmUp,
    slo: OPS.map((op) => opSlo(spec.slo[op])),
    ...(spec.phases ? { phases: phaseSpecs(spec, problems) } : {}),
  };
  return { config: { world, metrics }, problems };
}
