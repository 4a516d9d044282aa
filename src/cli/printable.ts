/**
 * Names come from users' files and flags (a scenario's, a zone's, a variant's): printed raw, a
 * control character in one (ESC [2J) would drive the terminal. Every C0 and C1 control but the
 * line feed and tab is shown as an escape (`\x1b`) instead.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/**
 * Makes everything written to stdout printable. relisim writes no control characters of its own
 * there (its tables are plain text, JSON escapes them itself); stderr carries the progress bar's
 * cursor movements, so messages to it go through `printable` one by one instead.
 */
export function makeStdoutPrintable(): void {
  // Once per process: main() may run many times in one (the fuzz test, the library's users).
  if ((process.stdout.write as { printable?: boolean }).printable) return;
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === "string" ? printable(chunk) : chunk, ...rest)) as typeof process.stdout.write;
  (process.stdout.write as { printable?: boolean }).printable = true;
}

/** Writes a message line to stderr, its control characters shown, not obeyed. */
export function say(message: string): void {
  process.stderr.write(`${printable(message)}\n`);
}
