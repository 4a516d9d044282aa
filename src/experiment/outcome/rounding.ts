/**
 * The outcome's numbers keep 6 significant digits (times in seconds 9), so that a result file
 * reads cleanly and is byte-identical across machines.
 */

/** `x` to `digits` significant digits; a non-finite value stays as it is. */
export const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);

/** `x` to 6 significant digits, a non-finite value (a ratio of nothing) as 0: the counter sections' rule. */
export const roundOrZero = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : 0);
