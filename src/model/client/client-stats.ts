/** What a client counts of its own resilience machinery (summed over clients for the outcome). */
export class ClientStats {
  requests = 0;
  /** GETs answered from the client's cache. */
  cacheHits = 0;
  firstAttempts = 0;
  /** Attempts sent to a node in another zone than the client's. */
  crossZoneAttempts = 0;
  hedges = 0;
  retries = 0;
  /** Requests answered by a hedge before the first attempt. */
  hedgesWon = 0;
  /** Attempts still in flight when another one won: abandoned by the client. */
  cancelled = 0;
  /** Hedges not sent because every eligible server was at its hedge limit. */
  hedgesLimited = 0;
  /** Hedges that waited for a slot at a server's hedge limit before being sent. */
  hedgesWaited = 0;
  /** Tied requests: copies taken off (or dropped at) their server's queue by their twin's cancel, and copies served although their twin started first. */
  tiedCancelled = 0;
  tiedDuplicated = 0;
  /** Retries by attempt number: [second attempts, third, ...]. */
  readonly retriesByAttempt: number[] = [];
  /** Retries the budget refused. */
  retriesRefused = 0;
  /** Attempts abandoned by their own attempt timeout. */
  attemptTimeouts = 0;
  /** Timeouts declared while the answer was already waiting at the door (the client was paused). */
  spuriousTimeouts = 0;
  /** Requests refused by the client itself: every server at its signalled concurrency limit. */
  clientLimited = 0;
  /** Client pauses and their total length, µs. */
  pauses = 0;
  pausedTime = 0;
  /** Idempotency tokens fetched from a token service, and fetches that failed (their write failed). */
  tokenFetches = 0;
  tokenFailures = 0;
  /** Time-series read pages fetched after the first of their read. */
  extraPages = 0;
  /** Values before and after client-side compression, bytes, and the client CPU it took, µs. */
  valueBytes = 0;
  compressedBytes = 0;
  compressionTime = 0;
  /** PutItems: writes split into chunks, chunks sent, writes committed, writes ended with chunks stored but no commit. */
  chunkedWrites = 0;
  chunks = 0;
  committedWrites = 0;
  uncommittedWrites = 0;
  /** GetItems: items read to the end, items given up (a page failed), pages answered, their bytes and rows, and pages the server's deadline cut short. */
  itemsRead = 0;
  itemsFailed = 0;
  pages = 0;
  pageBytes = 0;
  pageRows = 0;
  pagesCutShort = 0;
  /** Scans begun, read to the end, and given up (a page failed); cursors the servers granted, summed over scans. */
  scans = 0;
  scansCompleted = 0;
  scansFailed = 0;
  /** Scans whose first page came back with cursors, and the cursors granted to them. */
  scansGranted = 0;
  scanCursors = 0;
  /** The largest page, bytes (`add` sums it: take the max over clients instead). */
  maxPageBytes = 0;
  /** Multi-gets: reads fanned out, their parts, parts ended unneeded, reads failed. */
  fanOuts = 0;
  fanOutParts = 0;
  fanOutPartsCancelled = 0;
  fanOutsFailed = 0;
  /** Compare-and-set: requests, tries (each a version read), conditional writes sent, writes refused as conflicts, requests that succeeded. */
  casRequests = 0;
  casTries = 0;
  casWrites = 0;
  casConflicts = 0;
  casSucceeded = 0;
  /** Per (namespace, op): hedge timers armed, their summed delays and latency averages (µs), and hedges forgone above target. */
  readonly hedgeArmed: number[] = [];
  readonly hedgeDelaySum: number[] = [];
  readonly hedgeAverageSum: number[] = [];
  readonly hedgeAboveTarget: number[] = [];

  /** Adds every counter of `other` into this. */
  add(other: ClientStats): void {
    for (const key of Object.keys(this) as Array<keyof ClientStats>) {
      const mine = this[key];
      const theirs = other[key];
      if (typeof mine === "number") (this as Record<string, unknown>)[key] = mine + (theirs as number);
      else if (Array.isArray(mine)) (theirs as number[]).forEach((v, i) => (mine[i] = (mine[i] ?? 0) + v));
    }
  }
}
