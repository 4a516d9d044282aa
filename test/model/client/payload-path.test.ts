import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { ClientStats } from "../../../src/model/client/client-stats.js";
import { PayloadPath } from "../../../src/model/client/payload-path.js";
import { Outcome } from "../../../src/model/request/codes.js";
import type { ClientRequest } from "../../../src/model/request/request.js";
import { constant, open, request } from "./client-pieces.js";

const MIB = 1024 * 1024;
// Ratio 4, 1 µs of CPU per byte; chunks of 1000 bytes, 2 in flight.
const compression = { ratio: { dist: "constant", value: 4 }, cpuPerMiB: MIB } as const;
const chunking = { size: 1000, parallel: 2 };

function setup(config: { compression?: typeof compression; chunking?: typeof chunking }) {
  const engine = new Engine();
  const stats = new ClientStats();
  const launched: Array<[number, number]> = [];
  const ended: Array<[number, Outcome]> = [];
  let ids = 100;
  const host = {
    launch: (r: ClientRequest) => launched.push([engine.now, r.bytes]),
    end: (r: ClientRequest, o: Outcome) => ended.push([r.id, o]),
    nextAttemptId: () => ids++,
  };
  return { engine, stats, launched, ended, path: new PayloadPath(engine, config, constant(0.5), 0, stats, host, open) };
}

describe("PayloadPath", () => {
  test("a 1000-byte value travels as 250 bytes and costs 1000 µs of CPU at ratio 4 and 1 µs per byte", () => {
    const { path, stats } = setup({ compression });
    expect([path.cpu(1000), path.encode(1000)]).toEqual([1000, 250]);
    expect([stats.valueBytes, stats.compressedBytes]).toEqual([1000, 250]);
  });

  test("a PUT leaves once compressed; a GET leaves at once and decompresses its answer", () => {
    const { engine, path, launched } = setup({ compression });
    const get = request(engine, 0);
    path.begin(request(engine, 1), 1000);
    path.begin(get, 300);
    engine.run();
    expect(launched).toEqual([[0, 100], [1000, 100]]);
    expect(get.decompress).toBe(300);
  });

  test("a 2500-byte PUT goes as chunks of 1000, 1000 and 500, two at a time, then a commit", () => {
    const { engine, path, launched, ended, stats } = setup({ chunking });
    const write = request(engine, 1, 2500, 1);
    const sent: ClientRequest[] = [];
    path.launch = (r: ClientRequest) => (sent.push(r), launched.push([engine.now, r.bytes]));
    path.begin(write, 0);
    expect(launched.map(([, b]) => b)).toEqual([1000, 1000]);
    // The chunks end OK one after another: the third follows the first, the commit (0 bytes) the last.
    for (let i = 0; i < 4; i++) expect(path.ended(sent[i], Outcome.OK)).toBe(true);
    expect(launched.map(([, b]) => b)).toEqual([1000, 1000, 500, 0]);
    expect(ended).toEqual([[1, Outcome.OK]]);
    expect(path.ended(write, Outcome.OK)).toBe(false);
    expect([stats.chunkedWrites, stats.chunks, stats.committedWrites]).toEqual([1, 3, 1]);
  });

  test("a chunk that fails ends its write with that outcome, uncommitted", () => {
    const { engine, path, ended, stats } = setup({ chunking });
    const write = request(engine, 1, 2500, 1);
    const sent: ClientRequest[] = [];
    path.launch = (r: ClientRequest) => void sent.push(r);
    path.begin(write, 0);
    path.ended(sent[0], Outcome.OK);
    path.ended(sent[1], Outcome.SHED);
    expect(ended).toEqual([[1, Outcome.SHED]]);
    write.done = true;
    path.ended(write, Outcome.SHED);
    expect([stats.committedWrites, stats.uncommittedWrites]).toEqual([0, 1]);
  });
});
