import type { Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { Micros } from "../../engine/time.js";
import { PageRead } from "../request/page-read.js";
import { ScanRead } from "../request/scan-read.js";
import type { PagingConfig, ScanConfig } from "../config.js";
import { Outcome } from "../request/codes.js";
import type { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";

/** What a page reader needs of its client. */
export interface PageHost {
  /** Sends a new request reading on after `previous` at ring range `range`; returns it to be given its page. */
  nextPage(previous: ClientRequest, range: number, page: (target: Micros) => PageRead): void;
}

/**
 * A client's GetItems and Scan reads: it gives a GET (or SCAN) its first page, and when a page is
 * answered counts it and asks for the next one from its progress token, at once. A scan's first
 * page brings the cursors the server granted; the rows left are split among them.
 */
export class PageReader {
  readonly #paging: PagingConfig;
  readonly #cursors: number;
  readonly #itemRows: () => number;
  readonly #scanRows: (() => number) | undefined;
  readonly #ranges: number;
  readonly #stats: ClientStats;
  readonly #host: PageHost;

  constructor(paging: PagingConfig, scan: ScanConfig | undefined, draws: { items: Source; scans: Source }, ranges: number, stats: ClientStats, host: PageHost) {
    this.#paging = paging;
    this.#cursors = scan?.cursors ?? 0;
    this.#itemRows = makeSampler(paging.rows, draws.items);
    this.#scanRows = scan ? makeSampler(scan.rows, draws.scans) : undefined;
    this.#ranges = ranges;
    this.#stats = stats;
    this.#host = host;
  }

  /** A GetItems: the first page of an item of rows of `request.bytes` each. */
  openItem(request: ClientRequest): void {
    const rows = Math.max(1, Math.round(this.#itemRows()));
    request.page = this.page(request.bytes, rows, request.signal.target);
  }

  /** A Scan (when configured; else the SCAN stays one request): its first page asks for cursors. */
  openScan(request: ClientRequest): void {
    if (this.#scanRows === undefined) return;
    const rows = Math.max(1, Math.round(this.#scanRows()));
    const page = this.page(request.bytes, rows, request.signal.target);
    page.cursorsAsked = this.#cursors;
    request.page = page;
    request.scan = new ScanRead(rows, request.range);
    this.#stats.scans++;
  }

  /** A page of `rowsLeft` rows of `rowBytes` each, bounded as the paging policy says. */
  page(rowBytes: number, rowsLeft: number, target: Micros): PageRead {
    const p = this.#paging;
    return p.by === "size"
      ? new PageRead(rowBytes, rowsLeft, Number.POSITIVE_INFINITY, p.pageSize, p.fetchSize, p.deadline ?? target)
      : new PageRead(rowBytes, rowsLeft, p.pageRows, Number.POSITIVE_INFINITY, p.fetchSize, Number.POSITIVE_INFINITY);
  }

  /** A page ended: count it; on success ask for the next page from its progress token. */
  ended(request: ClientRequest, outcome: Outcome): void {
    const page = request.page!;
    const scan = request.scan;
    const stats = this.#stats;
    if (outcome !== Outcome.OK) {
      if (scan === undefined) stats.itemsFailed++;
      else if (!scan.failed) {
        scan.failed = true;
        stats.scansFailed++;
      }
      return;
    }
    stats.pages++;
    stats.pageBytes += page.bytes;
    stats.pageRows += page.rows;
    if (page.bytes > stats.maxPageBytes) stats.maxPageBytes = page.bytes;
    if (page.cutShort) stats.pagesCutShort++;
    let rowsLeft = page.rowsLeft - page.rows;
    if (scan === undefined) {
      if (rowsLeft <= 0) stats.itemsRead++;
      else this.#next(request, rowsLeft, request.range);
      return;
    }
    if (scan.failed) return;
    if (scan.cursors === 0) {
      // The first page's answer brings the cursors granted: the rows left are shared among them,
      // each cursor reading from its own stretch of the ring.
      const shares = scan.split(page.cursorsGranted, rowsLeft);
      stats.scansGranted++;
      stats.scanCursors += scan.cursors;
      const step = Math.max(1, Math.floor(this.#ranges / scan.cursors));
      for (let i = 1; i < shares.length; i++) this.#next(request, shares[i], (scan.firstRange + i * step) % this.#ranges);
      rowsLeft = shares[0];
    }
    if (rowsLeft > 0) this.#next(request, rowsLeft, request.range);
    else if (--scan.active === 0) stats.scansCompleted++;
  }

  #next(previous: ClientRequest, rowsLeft: number, range: number): void {
    const rowBytes = previous.page!.rowBytes;
    this.#host.nextPage(previous, range, (target) => this.page(rowBytes, rowsLeft, target));
  }
}
