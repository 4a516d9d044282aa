/**
 * One page of a GetItems read, as the client asks for it and the server fills it: rows of
 * `rowBytes` each, read from storage in round trips of up to `fetchBytes`, until the page holds
 * `maxRows` rows or `maxBytes` bytes, the item has no rows left, or the server has spent
 * `deadline` µs on it; then the server answers with what it has and a progress token (the rows
 * read), and the client asks for the next page from there.
 */
export class PageRead {
  /** Rows the page holds (set by the replicas that served it: the fewest any of them read). */
  rows = 0;
  /** Bytes of those rows. */
  bytes = 0;
  /** The deadline stopped the page before its size, its row count or the item's end. */
  cutShort = false;
  /** A scan's first page: cursors asked for (0: not a scan's first page), and granted by the server. */
  cursorsAsked = 0;
  cursorsGranted = 0;
  #served = false;

  constructor(
    readonly rowBytes: number,
    /** Rows of the item not yet read. */
    readonly rowsLeft: number,
    readonly maxRows: number,
    readonly maxBytes: number,
    readonly fetchBytes: number,
    /** Server time after which the page is returned as is, µs (Infinity: none). */
    readonly deadline: number,
  ) {
    if (!(rowsLeft >= 1 && maxRows >= 1 && maxBytes >= 1 && fetchBytes >= 1 && rowBytes >= 0)) {
      throw new RangeError(`a page needs rows left, max rows, max bytes and fetch bytes >= 1, got ${rowsLeft}, ${maxRows}, ${maxBytes}, ${fetchBytes}`);
    }
  }

  /**
   * Serves the page on one replica: `roundTrip()` draws the time of one storage round trip, µs.
   * Returns the service time, µs. At least one row is read, however wide. A scan's first page
   * also gets its cursors: `load` (work in the node over its slots) takes away its share of those
   * asked, down to one.
   */
  serve(roundTrip: () => number, load = 0): number {
    if (this.cursorsAsked > 0) {
      const granted = Math.max(1, Math.floor(this.cursorsAsked * (1 - Math.min(1, Math.max(0, load)))));
      this.cursorsGranted = this.#served ? Math.min(this.cursorsGranted, granted) : granted;
    }
    const rowBytes = Math.max(1, this.rowBytes);
    const wanted = Math.min(this.rowsLeft, this.maxRows, Math.max(1, Math.floor(this.maxBytes / rowBytes)));
    const perFetch = Math.max(1, Math.floor(this.fetchBytes / rowBytes));
    let rows = 0;
    let time = 0;
    while (rows < wanted) {
      time += roundTrip();
      rows = Math.min(wanted, rows + perFetch);
      if (time >= this.deadline) break;
    }
    const cut = rows < wanted;
    if (!this.#served || rows < this.rows) {
      this.rows = rows;
      this.bytes = rows * this.rowBytes;
      this.cutShort = cut;
    }
    this.#served = true;
    return time;
  }
}
