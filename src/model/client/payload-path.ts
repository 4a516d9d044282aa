import type { Action, Engine } from "../../engine/engine.js";
import type { Source } from "../../engine/random-streams.js";
import type { ChunkingConfig, CompressionConfig } from "../config.js";
import { ChunkedWrite, type ChunkHost } from "../request/chunked-write.js";
import { OpCode, Outcome } from "../request/codes.js";
import { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";
import { Compressor } from "./compressor.js";

/** What the payload path needs of its client. */
export interface PayloadHost {
  /** Sends a request (a whole write, or one chunk): first attempt, then its hedges and retries. */
  launch(request: ClientRequest): void;
  /** Ends a request: the write itself, or a chunk still in flight when its write ended. */
  end(request: ClientRequest, outcome: Outcome): void;
  /** Numbers a chunk's request among the attempts on the wire. */
  nextAttemptId(): number;
}

/**
 * A client's values on their way: compressed before a PUT (client CPU, µs per MiB), decompressed
 * after a GET, and a PUT larger than a chunk written as numbered chunks and a commit.
 */
export class PayloadPath implements ChunkHost<ClientRequest> {
  readonly #engine: Engine;
  readonly #chunking: ChunkingConfig | undefined;
  readonly #compressor: Compressor | undefined;
  readonly #stats: ClientStats;
  readonly #host: PayloadHost;
  readonly #client: number;
  readonly #onCompressed: Action<ClientRequest>;

  /** `gate` wraps the end-of-compression timer's action (the client's pauses hold it). */
  constructor(
    engine: Engine,
    config: { readonly compression?: CompressionConfig; readonly chunking?: ChunkingConfig },
    compression: Source,
    client: number,
    stats: ClientStats,
    host: PayloadHost,
    gate: (action: Action<ClientRequest>) => Action<ClientRequest>,
  ) {
    this.#engine = engine;
    this.#chunking = config.chunking;
    this.#compressor = config.compression ? new Compressor(config.compression, compression) : undefined;
    this.#client = client;
    this.#stats = stats;
    this.#host = host;
    this.#onCompressed = gate((request) => {
      request.retryTimer = 0;
      if (!request.done) this.#write(request);
    });
  }

  /** Client CPU to compress (or decompress) a value of `bytes`, µs (0 without compression). */
  cpu(bytes: number): number {
    return this.#compressor === undefined ? 0 : this.#compressor.cost(bytes);
  }

  /** The size a value of `bytes` travels at: compressed, when compression is on. */
  encode(bytes: number): number {
    const compressor = this.#compressor;
    if (compressor === undefined) return bytes;
    this.#stats.valueBytes += bytes;
    const compressed = compressor.compress(bytes);
    this.#stats.compressedBytes += compressed;
    return compressed;
  }

  /** Sends a request's first attempt: a PUT after compressing (`cpu` µs), a GET marked to decompress its answer. */
  begin(request: ClientRequest, cpu: number): void {
    this.#stats.compressionTime += cpu;
    if (request.op === OpCode.PUT && cpu > 0) request.retryTimer = this.#engine.schedule(cpu, this.#onCompressed, request);
    else {
      if (request.op === OpCode.GET) request.decompress = cpu;
      this.#write(request);
    }
  }

  /** Sends a request whole, or, for a PUT larger than a chunk, as a chunked write. */
  #write(request: ClientRequest): void {
    const chunking = this.#chunking;
    if (chunking && request.op === OpCode.PUT && request.bytes > chunking.size) {
      const write = new ChunkedWrite(request, chunking.size, chunking.parallel, this);
      request.chunks = write;
      this.#stats.chunkedWrites++;
      write.start();
      return;
    }
    this.#host.launch(request);
  }

  /**
   * A request ended with `outcome`: a chunk tells its write (true: it is no request of the
   * application's, and nothing more is to be done); a chunked write abandons its chunks in flight.
   */
  ended(request: ClientRequest, outcome: Outcome): boolean {
    if (request.chunkOf !== undefined) {
      request.chunkOf.chunkEnded(request, outcome);
      return true;
    }
    const chunks = request.chunks;
    if (chunks !== undefined) {
      chunks.abandon();
      if (chunks.committed) this.#stats.committedWrites++;
      else if (chunks.stored > 0) this.#stats.uncommittedWrites++;
    }
    return false;
  }

  newChunk(write: ClientRequest, bytes: number): ClientRequest {
    const chunk = new ClientRequest(this.#host.nextAttemptId(), OpCode.PUT, write.namespace, write.key, write.range, bytes, this.#client, this.#engine.now, write.signal);
    chunk.deadline = write.deadline;
    chunk.chunkOf = write.chunks;
    if (bytes > 0) this.#stats.chunks++;
    return chunk;
  }

  launch(chunk: ClientRequest): void {
    this.#host.launch(chunk);
  }

  end(request: ClientRequest, outcome: Outcome): void {
    this.#host.end(request, outcome);
  }
}
