import { describe, expect, test } from "vitest";
import { ChunkedWrite, type ChunkHost } from "../../../src/model/request/chunked-write.js";
import { ClientRequest } from "../../../src/model/request/request.js";
import { type FinishedRequest } from "../../../src/model/request/request.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { World } from "../../../src/model/world.js";
import { constant, tinySimulation } from "../tiny-world.js";

const signal = { target: 10_000, max: 100_000, concurrency: 1e6, hedges: 1 };
const request = (bytes: number) => new ClientRequest(0, 1, 0, 0, 0, bytes, 0, 0, signal);

/** A host that records what the write sends and ends. */
function recordingHost() {
  const sent: ClientRequest[] = [];
  const ended: Array<[ClientRequest, Outcome]> = [];
  const host: ChunkHost = {
    newChunk: (write, bytes) => request(bytes),
    launch: (chunk) => sent.push(chunk),
    end: (r, outcome) => {
      r.done = true;
      ended.push([r, outcome]);
    },
  };
  return { host, sent, ended };
}

describe("ChunkedWrite", () => {
  test("numbered chunks, `parallel` at a time, then a commit of 0 bytes; the write ends OK once committed", () => {
    const { host, sent, ended } = recordingHost();
    const write = request(10_000);
    const chunked = new ChunkedWrite(write, 4096, 2, host);
    chunked.start();
    expect(chunked.chunks).toBe(3);
    expect(sent.map((c) => c.bytes)).toEqual([4096, 4096]);
    chunked.chunkEnded(sent[0], Outcome.OK);
    expect(sent.map((c) => c.bytes)).toEqual([4096, 4096, 1808]);
    chunked.chunkEnded(sent[2], Outcome.OK);
    chunked.chunkEnded(sent[1], Outcome.OK);
    expect(sent.map((c) => c.bytes)).toEqual([4096, 4096, 1808, 0]);
    expect(ended).toEqual([]);
    chunked.chunkEnded(sent[3], Outcome.OK);
    expect(ended).toEqual([[write, Outcome.OK]]);
    expect(chunked.committed).toBe(true);
    expect(chunked.stored).toBe(3);
  });

  test("a failed chunk ends the write with its outcome, uncommitted; abandon ends the chunks in flight", () => {
    const { host, sent, ended } = recordingHost();
    const write = request(10_000);
    const chunked = new ChunkedWrite(write, 4096, 2, host);
    chunked.start();
    chunked.chunkEnded(sent[0], Outcome.OK);
    chunked.chunkEnded(sent[1], Outcome.TIMED_OUT);
    expect(ended).toEqual([[write, Outcome.TIMED_OUT]]);
    chunked.abandon();
    expect(ended).toEqual([
      [write, Outcome.TIMED_OUT],
      [sent[2], Outcome.TIMED_OUT],
    ]);
    expect(chunked.committed).toBe(false);
    expect(chunked.stored).toBe(1);
    // A late answer of an abandoned chunk changes nothing.
    chunked.chunkEnded(sent[2], Outcome.OK);
    expect(ended.length).toBe(2);
    expect(sent.length).toBe(3);
  });
});

describe("chunked writes in a world with packet loss", () => {
  // Every PUT is 200 kB: 4 chunks of ≤ 64 KiB. 0.3% packet loss against a 100 ms timeout and a
  // 200 ms retransmit timeout: chunks that lose a packet and whose hedge loses one too time out.
  const config = tinySimulation({ duration: 20_000_000, rate: 100 }).world;
  const ns = config.workload.namespaces[0];
  const world = new World(
    {
      ...config,
      cluster: { ...config.cluster, network: { ...config.cluster.network, bandwidth: 1.25e9, packets: { size: 1448, loss: 0.003, retransmitTimeout: 200_000 } } },
      workload: { ...config.workload, namespaces: [{ ...ns, mix: { GET: 0, PUT: 1, SCAN: 0 }, valueSize: constant(200_000) }] },
      client: { ...config.client, hedging: { minSamples: 10, halfLife: 50 }, chunking: { size: 65_536, parallel: 2 } },
    },
    5,
    { requests: { onRequestDone: (r) => done.push(r) } },
  );
  const done: FinishedRequest[] = [];
  world.run();
  const stats = world.clients.map((c) => c.stats);
  const sum = (f: (s: (typeof stats)[number]) => number) => stats.reduce((a, s) => a + f(s), 0);

  test("every write ends in exactly one outcome", () => {
    const ids = done.map((r) => (r as ClientRequest).id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sum((s) => s.requests) - done.length).toBeLessThan(10); // the few still in flight at the end
  });

  test("a write succeeds exactly when committed; an uncommitted one is never reported OK", () => {
    const ok = done.filter((r) => r.outcome === Outcome.OK).length;
    const failed = done.length - ok;
    expect(failed).toBeGreaterThan(0);
    expect(sum((s) => s.committedWrites)).toBe(ok);
    expect(sum((s) => s.uncommittedWrites)).toBeGreaterThan(0);
    expect(sum((s) => s.uncommittedWrites)).toBeLessThanOrEqual(failed);
    expect(sum((s) => s.chunkedWrites)).toBe(sum((s) => s.requests));
    // Every committed write stored all 4 chunks.
    expect(sum((s) => s.chunks)).toBeGreaterThanOrEqual(4 * ok);
  });

  test("chunks are hedged alone", () => {
    expect(sum((s) => s.hedges)).toBeGreaterThan(0);
    expect(sum((s) => s.hedgesWon)).toBeGreaterThan(0);
  });
});
