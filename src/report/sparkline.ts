const BARS = "▁▂▃▄▅▆▇█";

/**
 * Values as a line of block characters, `width` columns at most. When there are more values
 * than columns each column shows the largest of its values, so a one-window spike stays visible.
 * Zero is the lowest bar and anything above zero at least the second, so "a few errors" never
 * looks like "none".
 */
export function sparkline(values: readonly number[], width = 60): string {
  const columns = bucketMax(values, width);
  const max = Math.max(0, ...columns);
  return columns
    .map((v) => {
      if (!(v > 0) || max === 0) return BARS[0];
      return BARS[1 + Math.min(BARS.length - 2, Math.floor((v / max) * (BARS.length - 1)))];
    })
    .join("");
}

/** One mark per column: `on` where any of its values is true. */
export function markLine(flags: readonly boolean[], width = 60, on = "█", off = "·"): string {
  return bucketMax(flags.map((f) => (f ? 1 : 0)), width)
    .map((v) => (v > 0 ? on : off))
    .join("");
}

/** `values` in at most `width` columns, each the max of the values it covers. */
export function bucketMax(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    const from = Math.floor((c * values.length) / width);
    const to = Math.floor(((c + 1) * values.length) / width);
    let m = -Infinity;
    for (let i = from; i < to; i++) m = Math.max(m, values[i]);
    out.push(m);
  }
  return out;
}
