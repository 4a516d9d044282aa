import type { ResultHeader } from "../experiment/run-scenario.js";
import type { SimulationResult } from "../experiment/simulate.js";
import { OUTCOME_NAMES } from "../model/request/codes.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS } from "../metrics/episode-detector.js";
import type { LatencySummary } from "../experiment/outcome/run-outcome.js";
import { FAULT_LABELS, SEEN_LABELS, formatBreadth, frequencyText } from "./answer-cells.js";
import { episodeTable } from "./episode-cells.js";
import { markLine, sparkline } from "./sparkline.js";
import { fitTable, formatCount, formatMs, formatNines, formatNumber, formatSeconds, formatShare, table, wrapLine } from "./format.js";

const SPARK_WIDTH = 60;
/** Episodes listed under a run's summary; all of them are in episodes.csv. */
const SHOWN_EPISODES = 20;

/** Per window, as sparklines: the share of requests that failed, p99 latency, and where the SLO broke. */
export function timelineLines(simulation: SimulationResult): string[] {
  const windows = simulation.windows;
  if (windows.length === 0) return [];
  const ok = OUTCOME_NAMES.indexOf("ok");
  const errors = windows.map((w) => (w.all.requests > 0 ? 1 - w.all.outcomes[ok] / w.all.requests : 0));
  // Client-observed: a window where everything failed shows the time clients gave up, not 0.
  const p99 = windows.map((w) => (w.all.observed ? w.all.observed.p99 / 1000 : 0));
  const span = (windows[windows.length - 1].end - windows[0].start) / 1e6;
  const perColumn = span / Math.min(SPARK_WIDTH, windows.length);
  const line = sparkline(errors, SPARK_WIDTH);
  return [
    `  Timeline    ${formatSeconds(windows[0].start / 1e6)} → ${formatSeconds(windows[windows.length - 1].end / 1e6)}, one column per ${formatSeconds(perColumn)}`,
    `  errors      ${line}  max ${formatShare(Math.max(...errors))}`,
    `  p99 client  ${sparkline(p99, SPARK_WIDTH)}  max ${formatMs(Math.max(...p99))} ms`,
    `  SLO broken  ${markLine(windows.map((w) => w.violatedOps.length > 0), SPARK_WIDTH)}`,
  ];
}

/** The terminal summary of one run: the three answers first, nines beside them, then detail. */
export function summaryTable(header: ResultHeader, simulation: SimulationResult, variant?: string): string {
  const o = simulation.outcome;
  const lines: string[] = [];
  const title = variant && variant !== "base" ? `${header.scenario} [${variant}]` : header.scenario;
  lines.push(`${title} — seed ${header.seed}, ${formatSeconds(o.durationS)} simulated, ${formatCount(o.requests.total)} requests`);
  const episodes = o.episodes.list;
  const ongoing = episodes.filter((e) => e.ongoing).length;
  lines.push("");
  lines.push(`  How often   ${frequencyText(o.frequency)} · ${o.violatingWindows} of ${o.windows} windows broke the SLO`);
  if (o.episodes.count > 0) {
    const b = o.blastRadius;
    const seen = SEEN_DIMENSIONS.filter((d) => b.seen[d].of > 1).map((d) => `${SEEN_LABELS[d]} ${formatBreadth(b.seen[d])}`);
    const fault = FAULT_DIMENSIONS.filter((d) => b.fault[d].of > 0).map((d) => `${FAULT_LABELS[d]} ${formatBreadth(b.fault[d])}`);
    lines.push(`  How big     worst episode: ${formatShare(b.maxRequests)} of its requests failed or slow`);
    lines.push(`              felt by ${seen.join(" · ")}`);
    lines.push(`              fault in ${fault.join(" · ")}`);
    const ops = [
      o.timeToDetectS ? `detected after ${formatSeconds(o.timeToDetectS.mean)}` : "",
      o.timeToMitigateS ? `mitigated after ${formatSeconds(o.timeToMitigateS.mean)} (means)` : "",
    ].filter(Boolean);
    lines.push(
      `  How long    recovery mean ${formatSeconds(o.recoveryS.mean)} · p50 ${formatSeconds(o.recoveryS.p50)} · max ${formatSeconds(o.recoveryS.max)}` +
        (ongoing > 0 ? ` · ${ongoing} never recovered before the end` : "") +
        (ops.length > 0 ? ` · ${ops.join(", ")}` : ""),
    );
  } else {
    lines.push("  How big     —");
    lines.push("  How long    —");
  }
  lines.push(`  Availability ${formatShare(o.availability)} (${formatNines(o.nines, o.availability)} nines)`);
  if (o.fidelity) {
    const f = o.fidelity;
    const p99 = f.latencyIntervalMs ? ` · p99 95% interval ${formatMs(f.latencyIntervalMs.p99[0])}–${formatMs(f.latencyIntervalMs.p99[1])} ms` : "";
    lines.push(
      `  Fidelity    hybrid: ${formatShare(f.sample)} of requests simulated one by one (${formatCount(f.sampledRequests)}, ` +
        `${formatCount(f.sampledPerWindow)} per SLO window), the rest as fluid load; counts scaled ×${formatCount(Math.round(1 / f.sample))} · ` +
        `availability ± ${formatShare(f.availabilityStandardError)} (binomial s.e.)${p99}`,
    );
    if (f.nearSaturationShare >= 0.01) {
      lines.push(
        `              caution: nodes ran near saturation (offered ≥ 90% of their slots) ${formatShare(f.nearSaturationShare)} of the time, ` +
          "where the fluid is weakest: check such a stretch against a full run of a slice",
      );
    }
  }
  lines.push("");
  lines.push(...timelineLines(simulation));
  lines.push("");
  const r = o.requests;
  lines.push(
    `  Requests    ok ${formatCount(r.ok)} · failed ${formatCount(r.failed)} · timed out ${formatCount(r.timedOut)} · ` +
      `shed ${formatCount(r.shed)} · unavailable ${formatCount(r.unavailable)}`,
  );
  if (o.writes) {
    const w = o.writes;
    lines.push(
      `  Writes      ${formatCount(w.distinct)} applied · ${formatCount(w.duplicates)} duplicate side effects · ${formatCount(w.deduplicated)} copies deduplicated` +
        (w.tokenFetches > 0 ? ` · ${formatCount(w.tokenFetches)} tokens fetched, ${formatCount(w.tokenFailures)} failed` : ""),
    );
  }
  if (o.timeSeries) {
    const t = o.timeSeries;
    lines.push(
      `  Events      sent ${formatCount(t.sent)} · stored ${formatCount(t.stored)} · lost ${formatCount(t.lost)} (${formatShare(t.lostShare)}) · ` +
        `failed ${formatCount(t.failed)} · unsettled ${formatCount(t.unsettled)}`,
    );
  }
  if (o.appTier) {
    const a = o.appTier;
    lines.push(
      `  App tier    servers ${a.servers.start} → peak ${a.servers.peak} · utilization ${formatShare(a.utilization)} · shed ${formatCount(a.shed)} · ` +
        `waited ${formatShare(a.waitedShare)}, mean ${formatMs(a.meanWaitMs)} ms · episodes put down to it ${a.causedEpisodes.appTier}, to the store ${a.causedEpisodes.store}`,
    );
  }
  if (o.replacement) {
    const r = o.replacement;
    lines.push(`  Replaced    ${r.serving} of ${r.started} lost nodes serving, after ${formatSeconds(r.meanS)} (mean) · peers lent ${formatNumber(r.peerSlotS, 3)} slot-s`);
  }
  lines.push("");
  const latencyRows = [["latency ms", "p50", "p90", "p99", "p99.9", "mean", "max"]];
  const latencyRow = (name: string, l: LatencySummary | null) =>
    latencyRows.push(l ? [name, formatMs(l.p50), formatMs(l.p90), formatMs(l.p99), formatMs(l.p999), formatMs(l.mean), formatMs(l.max)] : [name, "—", "", "", "", "", ""]);
  for (const [name, l] of Object.entries(o.latencyMs)) if (l || name === "all") latencyRow(`${name}, client-observed`, l);
  for (const [name, l] of Object.entries(o.successLatencyMs)) if (l || name === "all") latencyRow(`${name}, successes only`, l);
  lines.push(table(latencyRows));
  if (episodes.length > 0) {
    lines.push("");
    const rows = episodeTable(episodes, SHOWN_EPISODES, ",");
    lines.push(fitTable(rows));
    if (episodes.length > SHOWN_EPISODES) lines.push(`  … and ${episodes.length - SHOWN_EPISODES} more (see episodes.csv)`);
    if (episodes.some((e) => e.scripted)) lines.push("  * during a scripted fault of the timeline");
  }
  lines.push("");
  lines.push(`  relisim ${header.relisim} · node ${header.node} · scenario hash ${header.hash} · fingerprint ${simulation.engine.fingerprint}`);
  return fitToTerminal(lines);
}

/** Lines (some holding several) as one text whose every line fits the terminal width. */
export function fitToTerminal(lines: readonly string[]): string {
  return lines
    .join("\n")
    .split("\n")
    .flatMap((line) => wrapLine(line))
    .join("\n");
}
