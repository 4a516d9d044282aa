/**
 * One Scan, across its cursors: the first page asks the server for cursors, the server grants
 * some according to its load, and the rows left are split among them; each cursor then pages on
 * alone. The scan is done when every cursor has read its share, and failed when any page fails.
 */
export class ScanRead {
  /** Cursors granted (0 until the first page is answered). */
  cursors = 0;
  /** Cursors still reading. */
  active = 1;
  failed = false;

  constructor(
    readonly rows: number,
    /** Ring position where the scan begins; cursor i reads from `first + i × ranges / cursors`. */
    readonly firstRange: number,
  ) {}

  /**
   * The first page came back with `granted` cursors and `rowsLeft` rows unread: each cursor's
   * share, the first cursor's (the one that asked) first.
   */
  split(granted: number, rowsLeft: number): number[] {
    const k = Math.max(1, Math.min(granted, rowsLeft));
    this.cursors = k;
    this.active = k;
    const shares: number[] = [];
    for (let i = 0; i < k; i++) shares.push(Math.floor(rowsLeft / k) + (i < rowsLeft % k ? 1 : 0));
    return shares;
  }
}
