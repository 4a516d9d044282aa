import { describe, expect, test } from "vitest";
import { WriteLedger } from "../../../src/model/api/write-ledger.js";
import { ClientRequest } from "../../../src/model/request/request.js";
import { Request } from "../../../src/model/request/request.js";
import { AttemptKind, OpCode } from "../../../src/model/request/codes.js";

const SIGNAL = { target: 10_000, max: 100_000, concurrency: 10, hedges: 1 };
const write = (id: number, namespace = 0) => new ClientRequest(id, OpCode.PUT, namespace, id, 0, 100, 0, 0, SIGNAL);
let attempts = 0;
const attempt = (w: ClientRequest, kind: number = AttemptKind.FIRST) =>
  new Request(attempts++, w.op, w.namespace, w.key, w.range, w.bytes, 0, 0, kind, w);

describe("WriteLedger", () => {
  test("an attempt applies once, however many replicas store it", () => {
    const ledger = new WriteLedger(1000, new Uint8Array([0]));
    const w = write(1);
    const a = attempt(w);
    ledger.onApplied(a, 10);
    ledger.onApplied(a, 11);
    ledger.onApplied(a, 12);
    expect(ledger.counts).toMatchObject({ applied: 1, distinct: 1, duplicates: 0, deduplicated: 0 });
  });

  test("without a token, a hedge and a retry of an applied write apply again: two duplicates", () => {
    const ledger = new WriteLedger(1000, new Uint8Array([0]));
    const w = write(1);
    ledger.onApplied(attempt(w), 10);
    ledger.onApplied(attempt(w, AttemptKind.HEDGE), 20);
    ledger.onApplied(attempt(w, AttemptKind.RETRY), 30);
    expect(ledger.counts).toMatchObject({ applied: 3, distinct: 1, duplicates: 2, deduplicated: 0 });
    expect(w.applications).toBe(3);
  });

  test("with a token, the copies are recognised and do nothing: applied = distinct", () => {
    const ledger = new WriteLedger(1000, new Uint8Array([1]));
    const w = write(1);
    ledger.onApplied(attempt(w), 10);
    ledger.onApplied(attempt(w, AttemptKind.HEDGE), 20);
    ledger.onApplied(attempt(w, AttemptKind.RETRY), 30);
    ledger.onApplied(attempt(write(2)), 40);
    expect(ledger.counts).toMatchObject({ applied: 2, distinct: 2, duplicates: 0, deduplicated: 2 });
  });

  test("a copy arriving after the token expired applies again: the ttl must outlast retries", () => {
    const ledger = new WriteLedger(1000, new Uint8Array([1]));
    const w = write(1);
    ledger.onApplied(attempt(w), 10);
    ledger.onApplied(attempt(w, AttemptKind.RETRY), 1010);
    expect(ledger.counts).toMatchObject({ applied: 2, distinct: 1, duplicates: 1, deduplicated: 0 });
  });

  test("only the namespaces marked idempotent deduplicate; the first application is announced once", () => {
    const first: number[] = [];
    const ledger = new WriteLedger(1000, new Uint8Array([1, 0]), (w) => first.push(w.id));
    const events = write(1, 0);
    const plain = write(2, 1);
    for (const w of [events, plain, events, plain]) ledger.onApplied(attempt(w), 10);
    expect(ledger.counts).toMatchObject({ applied: 3, distinct: 2, duplicates: 1, deduplicated: 1 });
    expect(first).toEqual([1, 2]);
  });
});
