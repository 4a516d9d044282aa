/** Small formatting helpers shared by the terminal reports. */

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** A share 0..1 as a percentage with enough digits to tell 99.9% from 99.99% (above 1, e.g. extra load: one decimal). */
export function formatShare(x: number): string {
  if (x === 0) return "0%";
  if (x === 1) return "100%";
  const pct = x * 100;
  if (pct >= 99 && pct < 100) return `${pct.toFixed(Math.min(6, Math.max(1, Math.ceil(-Math.log10(100 - pct)) + 1)))}%`;
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 0.1) return `${pct.toFixed(2)}%`;
  return `${pct.toPrecision(2)}%`;
}

/**
 * Shares that sit side by side (one row of a comparison) with one number of decimals, the most
 * any of them needs: `99.9950%` beside `99.9880%` and `40.0000%`, not `99.988%` and `40.0%`.
 * Exactly 0 and 1 stay `0%` and `100%`.
 */
export function formatShares(xs: readonly number[]): string[] {
  const decimals = (x: number) => (x === 0 || x === 1 ? 0 : (/\.(\d+)%$/.exec(formatShare(x))?.[1].length ?? 0));
  const most = Math.max(0, ...xs.map(decimals));
  return xs.map((x) => (x === 0 || x === 1 ? formatShare(x) : `${(x * 100).toFixed(most)}%`));
}

/**
 * Nines of availability: -log10(1 - availability); with no failed request at all, log10 of the
 * requests is only a lower bound (one failure more would have set it), said with "≥".
 */
export function formatNines(nines: number, availability: number): string {
  return `${availability === 1 ? "≥ " : ""}${formatNumber(nines, 3)}`;
}

/** Seconds as "2h 5m", "3m 20s", "12.5s", "350ms". */
export function formatSeconds(s: number): string {
  if (s === 0) return "0s";
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 60) return `${Number(s.toFixed(1))}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`.replace(/ 0s$/, "");
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`.replace(/ 0m$/, "");
  return `${Math.floor(s / 86_400)}d ${Math.round((s % 86_400) / 3600)}h`.replace(/ 0h$/, "");
}

/** Milliseconds with 3 significant digits. */
export function formatMs(ms: number): string {
  if (ms === 0) return "0";
  if (ms >= 100) return ms.toFixed(0);
  return ms.toPrecision(3);
}

/** A number with up to `digits` significant digits, no exponent for everyday sizes. */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  return String(Number(x.toPrecision(digits)));
}

/**
 * Lays out rows as columns; the first row is the header. Numbers align right, and so does every
 * column after the first when `rightAlign` is set (tables of values side by side).
 */
export function table(rows: readonly (readonly string[])[], indent = "  ", rightAlign = false): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (s: string) => /^[-+]?[\d,.]+(%|[a-zµ]+)?( [\d.]+[a-z]+)*\+?$/.test(s);
  return rows
    .map((row) =>
      indent +
      row
        .map((cell, i) => (i > 0 && (rightAlign || numeric(cell)) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The terminal width the text reports keep to. */
export const TERMINAL_WIDTH = 100;

/** Columns a string takes on a terminal (code points: the reports use no wide characters). */
function columns(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `table`, split into column groups that each fit `width` when the whole does not: every group
 * repeats the first column (what the row is), so each part reads on its own.
 */
export function fitTable(rows: readonly (readonly string[])[], indent = "  ", rightAlign = false, width = TERMINAL_WIDTH): string {
  const whole = table(rows, indent, rightAlign);
  if (whole.split("\n").every((line) => columns(line) <= width) || rows.length === 0) return whole;
  const parts: string[] = [];
  const count = Math.max(...rows.map((r) => r.length));
  let from = 1;
  while (from < count) {
    let to = from + 1;
    // Widen the group while it still fits (one column at least, even if it alone is too wide).
    while (to < count && table(rows.map((r) => [r[0], ...r.slice(from, to + 1)]), indent, rightAlign).split("\n").every((l) => columns(l) <= width)) to++;
    parts.push(table(rows.map((r) => [r[0] ?? "", ...r.slice(from, to)]), indent, rightAlign));
    from = to;
  }
  return parts.join("\n\n");
}

/**
 * A line of prose or of `label   a · b · c` wrapped to `width`: breaks go after " · " where there
 * is one, else at spaces, and continuation lines are indented to where the text after the
 * line's label (or its leading spaces) began.
 */
export function wrapLine(line: string, width = TERMINAL_WIDTH): string[] {
  if (columns(line) <= width) return [line];
  const label = /^(\s*\S+(?: \S+)?\s{2,}|\s*)/.exec(line)![0];
  const hang = " ".repeat(columns(label) < width / 2 ? columns(label) : columns(/^\s*/.exec(line)![0]));
  const out: string[] = [];
  let rest = line;
  while (columns(rest) > width) {
    const head = [...rest].slice(0, width + 1).join("");
    let cut = head.lastIndexOf(" · ");
    let skip = 3;
    if (cut <= hang.length) {
      cut = head.lastIndexOf(" ");
      skip = 1;
    }
    if (cut <= hang.length) break; // one word longer than the line: leave it
    out.push(rest.slice(0, cut));
    rest = hang + rest.slice(cut + skip);
  }
  out.push(rest);
  return out;
}
