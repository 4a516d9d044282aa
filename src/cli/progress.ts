import { say } from "./printable.js";

/** A line of progress on stderr, or nothing when quiet. Results alone go to stdout. */
export function progress(quiet: boolean | undefined): (message: string) => void {
  return quiet ? () => {} : say;
}
