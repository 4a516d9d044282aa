import type { TokenServiceConfig } from "../config.js";

/** The health of one token service: its latency multiplier and extra failing share, now. */
export class TokenServiceHealth {
  factor = 1;
  share = 0;
  readonly #faults: Array<{ factor: number; share: number }> = [];

  /** A degradation begins: latency × factor, and a further `share` of fetches fail. */
  degrade(factor: number, share: number): void {
    this.#faults.push({ factor, share });
    this.#combine();
  }

  /** The degradation begun with these numbers ends. */
  restore(factor: number, share: number): void {
    const i = this.#faults.findIndex((f) => f.factor === factor && f.share === share);
    if (i >= 0) this.#faults.splice(i, 1);
    this.#combine();
  }

  #combine(): void {
    let factor = 1;
    let ok = 1;
    for (const f of this.#faults) {
      factor *= f.factor;
      ok *= 1 - f.share;
    }
    this.factor = factor;
    this.share = 1 - ok;
  }
}

/**
 * The services that hand out idempotency tokens: a regional monotonic counter in every region,
 * and one global transaction id service. Clients fetch from them (each with its own random
 * draws); faults degrade them.
 */
export class TokenServices {
  readonly regional: readonly TokenServiceHealth[];
  readonly global = new TokenServiceHealth();

  constructor(
    regions: number,
    readonly regionalConfig: TokenServiceConfig,
    readonly globalConfig: TokenServiceConfig,
  ) {
    this.regional = Array.from({ length: regions }, () => new TokenServiceHealth());
  }
}

/**
 * One token fetch: how long it takes, µs, and whether it fails, from the service's config and
 * health and two uniform draws. A fetch that fails still takes its time (the error comes back).
 */
export function tokenFetch(
  config: TokenServiceConfig,
  health: TokenServiceHealth,
  latency: number,
  u: number,
): { readonly delay: number; readonly failed: boolean } {
  const failShare = 1 - (1 - config.errorRate) * (1 - health.share);
  return { delay: Math.max(1, Math.round(latency * health.factor)), failed: u < failShare };
}
