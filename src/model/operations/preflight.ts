/** Latencies a preflight check compares, in µs. */
export interface PreflightLatencies {
  readonly diskLatencyUs: number;
  readonly networkLatencyUs: number;
}

/** Whether a node passed its preflight check, and if not, one reason per failed measurement. */
export interface PreflightResult {
  readonly passed: boolean;
  readonly reasons: string[];
}

const CHECKS = [
  ["diskLatencyUs", "disk"],
  ["networkLatencyUs", "network"],
] as const;

/**
 * Checks a new node before it takes traffic: it passes when each measured latency is at most
 * (1 + tolerance) × the expected one (being faster is never a failure); `tolerance` is a share,
 * ≥ 0 (0.5 allows 50 % slower). A failure is a value with its reasons, not an exception.
 */
export function preflightCheck(measured: PreflightLatencies, expected: PreflightLatencies, tolerance: number): PreflightResult {
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) throw new RangeError(`preflight: tolerance must be a number >= 0, got ${tolerance}`);
  const reasons: string[] = [];
  for (const [key, name] of CHECKS) {
    const got = measured[key];
    const want = expected[key];
    if (!(Number.isFinite(want) && want >= 0)) throw new RangeError(`preflight: expected ${name} latency must be a number of µs >= 0, got ${want}`);
    if (!(got >= 0)) throw new RangeError(`preflight: measured ${name} latency must be a number of µs >= 0, got ${got}`);
    const limit = want * (1 + tolerance);
    if (got > limit) reasons.push(`${name} latency ${fmt(got)} µs exceeds ${fmt(limit)} µs (expected ${fmt(want)} µs + ${fmt(tolerance * 100)}%)`);
  }
  return { passed: reasons.length === 0, reasons };
}

/** A number for a message, without float noise such as 5500.000000000001. */
function fmt(x: number): string {
  return String(+x.toFixed(3));
}
