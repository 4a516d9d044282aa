import type { Engine } from "../../engine/engine.js";
import type { ApiRuntime } from "../api/api-runtime.js";
import type { AppTier } from "../app-tier/app-tier.js";
import type { Cluster } from "../cluster/cluster.js";
import type { ClientConfig, WorkloadConfig } from "../config.js";
import type { RequestObserver } from "../request/request.js";
import type { SignalBoard } from "../signal-board.js";
import type { RateSchedule } from "../workload/rate-schedule.js";
import type { KeyCache } from "./key-cache.js";

/** Shared by all clients of a world. */
export interface ClientContext {
  readonly engine: Engine;
  readonly cluster: Cluster;
  readonly schedule: RateSchedule;
  readonly workload: WorkloadConfig;
  readonly config: ClientConfig;
  readonly signals: SignalBoard;
  readonly observer: RequestObserver;
  /** Numbers client requests (what the application issued). */
  nextRequestId(): number;
  /** Numbers attempts on the wire (first attempts, hedges, retries). */
  nextAttemptId(): number;
  /** The remote cache shared by the clients of zone `zone` (remote caches only). */
  zoneCache?(zone: number): KeyCache;
  /** Application instances (clients) in the world, over which closed-loop clients are spread (absent: 1). */
  readonly instances?: number;
  /** Idempotency tokens and time-series modes; absent: plain writes. */
  readonly api?: ApiRuntime;
  /** Application servers every request passes before the store; absent: clients call the store. */
  readonly appTier?: AppTier;
}
