import type { ApiConfig, TimeSeriesConfig, TokenKind } from "../config.js";
import { EventLedger } from "./event-ledger.js";
import { TokenServices } from "./token-services.js";
import { WriteLedger } from "./write-ledger.js";

/** Without an idempotency config, time-series event ids are remembered this long, µs. */
const DEFAULT_EVENT_TTL = 10 * 60 * 1_000_000;

/**
 * The API's state shared by clients and cluster in one world: where writes apply (and whether
 * they apply twice), the token services, and the time-series events in flight.
 */
export class ApiRuntime {
  readonly writes: WriteLedger;
  readonly token: TokenKind;
  /** Present when tokens come from a regional or global service. */
  readonly tokenServices: TokenServices | undefined;
  readonly timeSeries: TimeSeriesConfig | undefined;
  /** Present with time-series namespaces. */
  readonly events: EventLedger | undefined;
  /** Per namespace: 1 when it is a time-series table. */
  readonly isTimeSeries: Uint8Array;
  /** The coordinator queues events before writing them (enqueued and fire-and-forget). */
  readonly buffered: boolean;
  readonly fireAndForget: boolean;

  constructor(config: ApiConfig, namespaces: number, regions: number) {
    const idempotency = config.idempotency;
    this.token = idempotency?.token ?? "none";
    this.timeSeries = config.timeSeries;
    this.isTimeSeries = new Uint8Array(namespaces);
    for (const ns of config.timeSeries?.namespaces ?? []) this.isTimeSeries[ns] = 1;
    // Event ids make time-series writes idempotent by contract; tokens make every write so.
    const idempotent = this.token === "none" ? this.isTimeSeries : new Uint8Array(namespaces).fill(1);
    this.events = config.timeSeries ? new EventLedger() : undefined;
    const events = this.events;
    const isTimeSeries = this.isTimeSeries;
    this.writes = new WriteLedger(idempotency?.ttl ?? DEFAULT_EVENT_TTL, idempotent, events && ((w) => isTimeSeries[w.namespace] === 1 && events.onStored(w)));
    this.tokenServices =
      idempotency && (this.token === "regional" || this.token === "global") ? new TokenServices(regions, idempotency.regional, idempotency.global) : undefined;
    const mode = config.timeSeries?.mode;
    this.buffered = mode === "enqueued" || mode === "fireAndForget";
    this.fireAndForget = mode === "fireAndForget";
  }
}
