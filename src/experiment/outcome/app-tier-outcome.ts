import type { WindowRecorder, WindowRow } from "../../metrics/window-recorder.js";
import type { World } from "../../model/world.js";
import type { EpisodeReport } from "./episode-report.js";
import { roundOrZero } from "./rounding.js";

/** The per-window columns the app tier adds (see `addAppTierProbes`), read back here by name. */
export const APP_TIER_PROBES = { shed: "app_shed", appTime: "app_time_ms", latencyTime: "latency_time_ms" } as const;

/** Which tier an episode is put down to, and why. */
export interface AppTierEpisode {
  readonly startS: number;
  /** appTier: most failed requests were shed by the app tier, or (an episode of slow requests) most of the latency was spent in it. */
  readonly cause: "appTier" | "store";
  /** Share of the episode's failed requests shed by the app tier. */
  readonly appShedShare: number;
  /** Share of the episode's end-to-end latency spent in the app tier (waiting and served). */
  readonly appLatencyShare: number;
}

/** What the stateless tier did (present when `appTier` is set). */
export interface AppTierOutcome {
  readonly servers: { readonly start: number; readonly peak: number; readonly end: number };
  /** Slot-time used over slot-time offered, whole run. */
  readonly utilization: number;
  readonly admitted: number;
  readonly shed: number;
  /** Of the requests served, the share that waited for a slot, and the mean wait (all of them), ms. */
  readonly waitedShare: number;
  readonly meanWaitMs: number;
  /** Share of all end-to-end latency spent in the app tier. */
  readonly latencyShare: number;
  readonly scaleOuts: number;
  readonly scaleIns: number;
  readonly preInjected: number;
  /** Episodes put down to each tier (see AppTierEpisode), and each episode's judgement. */
  readonly causedEpisodes: { readonly appTier: number; readonly store: number };
  readonly episodes: readonly AppTierEpisode[];
}

/** The outcome's `appTier` section (none without `appTier`). */
export function appTierOutcome(world: World, recorder: WindowRecorder, episodes: readonly EpisodeReport[]): { readonly appTier?: AppTierOutcome } {
  const tier = world.appTier;
  if (!tier) return {};
  let slotTime = 0;
  let capacityTime = 0;
  let started = 0;
  let waited = 0;
  let waitTime = 0;
  let admitted = 0;
  let shed = 0;
  for (const p of tier.pools) {
    const s = p.stats;
    slotTime += s.slotTime;
    capacityTime += s.capacityTime;
    started += s.started;
    waited += s.waited;
    waitTime += p.waitTime;
    admitted += p.admitted;
    shed += p.shed;
  }
  const st = tier.stats;
  const judged = episodes.map((e) => episodeCause(e, recorder));
  const caused = (cause: AppTierEpisode["cause"]) => judged.filter((e) => e.cause === cause).length;
  return {
    appTier: {
      servers: { start: tier.startServers, peak: st.peakServers, end: tier.servers },
      utilization: roundOrZero(slotTime / capacityTime),
      admitted,
      shed,
      waitedShare: roundOrZero(waited / started),
      meanWaitMs: roundOrZero(waitTime / 1000 / started),
      latencyShare: roundOrZero(st.appTime / st.latencyTime),
      scaleOuts: st.scaleOuts,
      scaleIns: st.scaleIns,
      preInjected: st.preInjected,
      causedEpisodes: { appTier: caused("appTier"), store: caused("store") },
      episodes: judged,
    },
  };
}

/** Sums the app tier's columns and the failures over the windows an episode overlaps, and judges. */
function episodeCause(e: EpisodeReport, recorder: WindowRecorder): AppTierEpisode {
  const names = recorder.probeNames;
  const column = (name: string) => names.indexOf(name);
  const [shedAt, appAt, latencyAt] = [column(APP_TIER_PROBES.shed), column(APP_TIER_PROBES.appTime), column(APP_TIER_PROBES.latencyTime)];
  const ok = recorder.dims.outcomes.indexOf("ok");
  let appShed = 0;
  let failed = 0;
  let slow = 0;
  let appTime = 0;
  let latencyTime = 0;
  const during = (w: WindowRow) => w.end > e.startS * 1e6 && w.start < e.endS * 1e6;
  for (const w of recorder.windows) {
    if (!during(w)) continue;
    appShed += w.probes[shedAt];
    appTime += w.probes[appAt];
    latencyTime += w.probes[latencyAt];
    failed += w.all.requests - w.all.outcomes[ok];
    slow += w.all.slow;
  }
  const appShedShare = roundOrZero(appShed / failed);
  const appLatencyShare = roundOrZero(appTime / latencyTime);
  const appTier = failed >= slow ? appShedShare >= 0.5 : appLatencyShare >= 0.5;
  return { startS: e.startS, cause: appTier ? "appTier" : "store", appShedShare, appLatencyShare };
}
