/**
 * Service time of one request when `inflight` requests (itself included, ≥ 1) share the server:
 * base × (1 + factor × (inflight − 1)) µs, unrounded (the caller rounds when it schedules). With
 * factor 0 it is `base`; with factor 0.1 ten in flight take 1.9 × base each. This is the sustaining
 * effect behind metastable failures: more work in flight makes each piece slower (lock and cache
 * contention, context switches, GC), so throughput falls just as a backlog builds, and the backlog
 * feeds itself after the trigger that caused it is gone. inflight < 1 is treated as 1.
 */
export function contendedServiceTime(base: number, inflight: number, factor: number): number {
  if (!(Number.isFinite(base) && base >= 0)) throw new RangeError(`contention: base must be a finite number of µs >= 0, got ${base}`);
  if (!(Number.isFinite(factor) && factor >= 0)) throw new RangeError(`contention: factor must be finite and >= 0, got ${factor}`);
  return inflight > 1 ? base * (1 + factor * (inflight - 1)) : base;
}
