import { Outcome } from "./codes.js";

/** What a chunked write reads of a request (the write, a chunk): generic so that requests may name their chunked write. */
export interface ChunkRequest {
  readonly done: boolean;
  readonly bytes: number;
}

/** What a chunked write needs of its client. */
export interface ChunkHost<R extends ChunkRequest> {
  /** A request of its own for one chunk (or the commit, 0 bytes) of `write`. */
  newChunk(write: R, bytes: number): R;
  /** Sends a chunk: first attempt, then hedges and retries of that chunk alone. */
  launch(chunk: R): void;
  /** Ends a request: the write itself, or a chunk still in flight when its write ended. */
  end(request: R, outcome: Outcome): void;
}

/**
 * PutItems of a large value: numbered chunks of at most `chunkSize` bytes, `parallel` in flight at
 * once, each sent, hedged and retried alone; once every chunk is stored a commit makes the write
 * visible. A write that ends before its commit (a chunk failed, the deadline passed) stays
 * invisible: its stored chunks are garbage, never read.
 */
export class ChunkedWrite<R extends ChunkRequest> {
  readonly chunks: number;
  #next = 0;
  #stored = 0;
  #commit: R | undefined;
  #committed = false;
  readonly #inFlight: R[] = [];

  constructor(
    readonly write: R,
    readonly chunkSize: number,
    readonly parallel: number,
    readonly host: ChunkHost<R>,
  ) {
    if (!(chunkSize >= 1) || !(parallel >= 1)) throw new RangeError(`chunk size and parallel must be >= 1, got ${chunkSize}, ${parallel}`);
    this.chunks = Math.max(1, Math.ceil(write.bytes / chunkSize));
  }

  /** Chunks stored so far. */
  get stored(): number {
    return this.#stored;
  }

  get committed(): boolean {
    return this.#committed;
  }

  /** Sends the first chunks. */
  start(): void {
    this.#pump();
  }

  #pump(): void {
    while (!this.write.done && this.#inFlight.length < this.parallel && this.#next < this.chunks) {
      const last = this.#next === this.chunks - 1;
      const bytes = last ? this.write.bytes - this.chunkSize * (this.chunks - 1) : this.chunkSize;
      this.#next++;
      this.#send(this.host.newChunk(this.write, bytes));
    }
  }

  #send(chunk: R): void {
    this.#inFlight.push(chunk);
    this.host.launch(chunk);
  }

  /** A chunk (or the commit) ended with `outcome`. */
  chunkEnded(chunk: R, outcome: Outcome): void {
    const i = this.#inFlight.indexOf(chunk);
    if (i >= 0) this.#inFlight.splice(i, 1);
    if (this.write.done) return;
    if (outcome !== Outcome.OK) {
      this.host.end(this.write, outcome);
    } else if (chunk === this.#commit) {
      this.#committed = true;
      this.host.end(this.write, Outcome.OK);
    } else if (++this.#stored === this.chunks) {
      this.#commit = this.host.newChunk(this.write, 0);
      this.#send(this.#commit);
    } else {
      this.#pump();
    }
  }

  /** The write ended: chunks still in flight are abandoned. */
  abandon(): void {
    for (const chunk of this.#inFlight.splice(0)) this.host.end(chunk, Outcome.TIMED_OUT);
  }
}
