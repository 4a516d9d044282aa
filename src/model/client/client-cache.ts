import type { Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { Micros } from "../../engine/time.js";
import type { CacheConfig } from "../config.js";
import type { Network } from "../network/network.js";
import { OpCode } from "../request/codes.js";
import { KeyCache } from "./key-cache.js";

/** Bytes of a cache lookup that carries no value (key, headers). */
const HEADER_BYTES = 128;

/**
 * A client's cache of keys: a near one in its own process, or a remote one shared by the clients
 * of its zone, a network round trip away. A GET it holds is answered from it; a PUT invalidates.
 * Keys are cached per namespace: key k of namespace n is entry k × namespaces + n.
 */
export class ClientCache {
  readonly #keys: KeyCache;
  readonly #latency: () => number;
  readonly #namespaces: number;
  /** Remote only: the network to the cache, and the client's zone (the cache's). */
  readonly #network: Network | undefined;
  readonly #zone: number;

  /** `shared`: the zone's remote cache (remote caches only). */
  constructor(config: CacheConfig, shared: KeyCache | undefined, namespaces: number, latency: Source, network: Network, zone: number) {
    this.#keys = shared ?? new KeyCache(config.capacity);
    this.#latency = makeSampler(config.latency, latency);
    this.#namespaces = namespaces;
    this.#network = config.kind === "remote" ? network : undefined;
    this.#zone = zone;
    if (config.start === "warm" && this.#keys.size === 0) this.#keys.restart(this.#hottestKeys());
  }

  /**
   * A request of `op` for `key` of `namespace` (`bytes` of value) meets the cache: the time the
   * cache takes to answer a GET it holds, µs; −1 when the request goes on to the servers.
   */
  lookup(op: number, key: number, namespace: number, bytes: number): Micros {
    const entry = key * this.#namespaces + namespace;
    if (op === OpCode.PUT) this.#keys.invalidate(entry);
    else if (op === OpCode.GET && this.#keys.lookup(entry)) {
      let latency = this.#latency();
      const network = this.#network;
      if (network !== undefined) latency += network.delay(this.#zone, this.#zone, HEADER_BYTES) + network.delay(this.#zone, this.#zone, bytes);
      return Math.max(1, Math.round(latency));
    }
    return -1;
  }

  /** A GET of `key` of `namespace` was answered by the servers: the cache keeps it. */
  fill(key: number, namespace: number): void {
    this.#keys.fill(key * this.#namespaces + namespace);
  }

  /**
   * Restarts the cache (a deploy, a crash of the cache process): cold, or pre-warmed with the
   * hottest keys (key 0 is the most popular under zipf) before it takes traffic.
   */
  restart(prewarm: boolean): void {
    this.#keys.restart(prewarm ? this.#hottestKeys() : undefined);
  }

  /** The entries of the hottest keys of every namespace, coldest first (so the hottest stay). */
  #hottestKeys(): number[] {
    const namespaces = this.#namespaces;
    const perNs = Math.floor(this.#keys.capacity / namespaces);
    const keys: number[] = [];
    for (let k = perNs - 1; k >= 0; k--) for (let ns = 0; ns < namespaces; ns++) keys.push(k * namespaces + ns);
    return keys;
  }
}
