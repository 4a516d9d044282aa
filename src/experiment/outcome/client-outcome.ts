import type { ClientStats } from "../../model/client/client-stats.js";
import { OPS, type WorldConfig } from "../../model/config.js";
import type { World } from "../../model/world.js";
import { round, roundOrZero } from "./rounding.js";

/** Hedging for one (namespace, op): how often a hedge timer was armed, and at what delay. */
export interface HedgeDelayReport {
  readonly armed: number;
  readonly meanDelayMs: number;
  /** Mean of the latency averages the delays were computed from. */
  readonly meanAverageMs: number;
  /** The signalled target when the run started. */
  readonly targetMs: number;
  /** Requests not hedged because the client's average was already above target. */
  readonly aboveTarget: number;
}

/** What the clients' resilience machinery did, and what it cost. */
export interface ClientOutcome {
  readonly load: {
    readonly firstAttempts: number;
    readonly hedges: number;
    readonly retries: number;
    /** Hedges and retries as a share of first attempts: the extra load the clients offered. */
    readonly extraShare: number;
  };
  readonly hedges: { readonly sent: number; readonly won: number; readonly cancelled: number; readonly limited: number; readonly waited: number };
  readonly retries: { readonly total: number; readonly byAttempt: Record<string, number>; readonly refusedByBudget: number };
  readonly attemptTimeouts: number;
  readonly spuriousTimeouts: number;
  /** Requests the clients refused themselves: every server at its signalled limit. */
  readonly clientLimited: number;
  /** Share of attempts sent to a node in another zone than the client's. */
  readonly crossZoneShare: number;
  readonly pauses: { readonly count: number; readonly totalS: number };
  /** Share of requests answered by the clients' caches. */
  readonly cacheHitShare: number;
  /** Per namespace, per op. */
  readonly hedgeDelays: Record<string, Record<string, HedgeDelayReport>>;
  /** Multi-gets, when a namespace fans out: reads, their parts, parts per read, parts ended unneeded, reads failed. */
  /** Tied requests, when on: copies cancelled before they started, copies served twice, and those per first attempt. */
  readonly tied?: { readonly cancelled: number; readonly duplicated: number; readonly duplicatedShare: number };
  readonly fanOut?: { readonly reads: number; readonly parts: number; readonly partsPerRead: number; readonly cancelled: number; readonly failed: number };
  /** Compare-and-set, when a namespace has it: see {@link CasReport}. */
  readonly cas?: CasReport;
  /** Closed-loop clients, when configured: see {@link ClosedLoopReport}. */
  readonly closedLoop?: ClosedLoopReport;
}

/** What compare-and-set requests did: each try is a version read, then (if it answered) a conditional write. */
export interface CasReport {
  readonly requests: number;
  readonly succeeded: number;
  readonly tries: number;
  /** Conditional writes sent, and those refused because the key's version had changed. */
  readonly writes: number;
  readonly conflicts: number;
  /** Work per successful compare-and-set: tries, and calls (reads + writes). */
  readonly attemptsPerSuccess: number;
  readonly callsPerSuccess: number;
}

/** The closed-loop clients: how many, requests ended, clients done, and when the last was done (s from the run's start; null until all are). */
export interface ClosedLoopReport {
  readonly clients: number;
  readonly operations: number;
  readonly finished: number;
  readonly finishS: number | null;
}


/** The outcome's `client` section: the clients' summed counters `s`, and the signalled hedge targets of a finished world. */
export function clientOutcome(world: World, s: ClientStats, config: WorldConfig): ClientOutcome {
  const attempts = s.firstAttempts + s.hedges + s.retries;
  const byAttempt: Record<string, number> = {};
  s.retriesByAttempt.forEach((n, i) => (byAttempt[String(i + 2)] = n ?? 0));
  const hedgeDelays: Record<string, Record<string, HedgeDelayReport>> = {};
  config.workload.namespaces.forEach((ns, n) => {
    const perOp: Record<string, HedgeDelayReport> = {};
    OPS.forEach((op, o) => {
      const slot = n * OPS.length + o;
      const armed = s.hedgeArmed[slot] ?? 0;
      const above = s.hedgeAboveTarget[slot] ?? 0;
      perOp[op] = {
        armed,
        meanDelayMs: roundOrZero(armed ? (s.hedgeDelaySum[slot] ?? 0) / armed / 1000 : 0),
        meanAverageMs: roundOrZero(armed ? (s.hedgeAverageSum[slot] ?? 0) / armed / 1000 : 0),
        targetMs: roundOrZero(world.signals.get(n, o).target / 1000),
        aboveTarget: above,
      };
    });
    hedgeDelays[ns.name] = perOp;
  });
  return {
    load: {
      firstAttempts: s.firstAttempts,
      hedges: s.hedges,
      retries: s.retries,
      extraShare: roundOrZero(s.firstAttempts ? (s.hedges + s.retries) / s.firstAttempts : 0),
    },
    hedges: { sent: s.hedges, won: s.hedgesWon, cancelled: s.cancelled, limited: s.hedgesLimited, waited: s.hedgesWaited },
    retries: { total: s.retries, byAttempt, refusedByBudget: s.retriesRefused },
    attemptTimeouts: s.attemptTimeouts,
    spuriousTimeouts: s.spuriousTimeouts,
    clientLimited: s.clientLimited,
    crossZoneShare: roundOrZero(attempts ? s.crossZoneAttempts / attempts : 0),
    pauses: { count: s.pauses, totalS: roundOrZero(s.pausedTime / 1e6) },
    cacheHitShare: roundOrZero(s.requests ? s.cacheHits / s.requests : 0),
    hedgeDelays,
    ...(config.client.hedging?.tied
      ? { tied: { cancelled: s.tiedCancelled, duplicated: s.tiedDuplicated, duplicatedShare: roundOrZero(s.firstAttempts ? s.tiedDuplicated / s.firstAttempts : 0) } }
      : {}),
    ...(config.workload.namespaces.some((ns) => ns.fanOut)
      ? { fanOut: { reads: s.fanOuts, parts: s.fanOutParts, partsPerRead: roundOrZero(s.fanOuts ? s.fanOutParts / s.fanOuts : 0), cancelled: s.fanOutPartsCancelled, failed: s.fanOutsFailed } }
      : {}),
    ...(config.workload.namespaces.some((ns) => ns.cas) ? { cas: casReport(s) } : {}),
    ...(config.workload.closedLoop ? { closedLoop: closedLoopReport(world) } : {}),
  };
}

function casReport(s: ClientStats): CasReport {
  const per = (n: number) => roundOrZero(s.casSucceeded ? n / s.casSucceeded : 0);
  return {
    requests: s.casRequests,
    succeeded: s.casSucceeded,
    tries: s.casTries,
    writes: s.casWrites,
    conflicts: s.casConflicts,
    attemptsPerSuccess: per(s.casTries),
    callsPerSuccess: per(s.casTries + s.casWrites),
  };
}

function closedLoopReport(world: World): ClosedLoopReport {
  let clients = 0, operations = 0, finished = 0, last = -1;
  for (const c of world.clients) {
    const loops = c.closedLoops;
    if (loops === undefined) continue;
    clients += loops.loops;
    operations += loops.ended;
    finished += loops.finished;
    last = Math.max(last, loops.lastFinish);
  }
  return { clients, operations, finished, finishS: finished === clients ? round(last / 1e6, 9) : null };
}
