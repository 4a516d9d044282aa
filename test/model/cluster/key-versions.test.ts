import { describe, expect, test } from "vitest";
import { KeyVersions, MAX_VERSION_SLOTS } from "../../../src/model/cluster/key-versions.js";
import { OpCode } from "../../../src/model/request/codes.js";
import { ClientRequest, Request } from "../../../src/model/request/request.js";

const SIGNAL = { target: 10_000, max: 100_000, concurrency: 4, hedges: 1 };
const owner = new ClientRequest(0, OpCode.PUT, 0, 0, 0, 100, 0, 0, SIGNAL);
let ids = 0;
const attempt = (op: number, key: number, version = -1, namespace = 0): Request => {
  const r = new Request(ids++, op, namespace, key, 0, 100, 0, 0, 0, owner);
  r.version = version;
  return r;
};

describe("KeyVersions", () => {
  test("a read records the key's version; a write bumps it; a conditional write on the old version conflicts", () => {
    const versions = new KeyVersions([10]);
    const read = attempt(OpCode.GET, 3);
    expect(versions.conflicts(read)).toBe(false);
    expect(read.version).toBe(0);
    expect(versions.conflicts(attempt(OpCode.PUT, 3))).toBe(false); // a plain write commits: version 1
    expect(versions.versionOf(0, 3)).toBe(1);
    const stale = attempt(OpCode.PUT, 3, read.version);
    expect(versions.conflicts(stale)).toBe(true);
    expect(versions.versionOf(0, 3)).toBe(1); // refused: nothing changed
    expect(versions.conflicts(attempt(OpCode.PUT, 3, 1))).toBe(false); // on the current version: commits
    expect(versions.versionOf(0, 3)).toBe(2);
  });

  test("keys and namespaces are separate; a namespace without versions never conflicts", () => {
    const versions = new KeyVersions([10, undefined]);
    versions.conflicts(attempt(OpCode.PUT, 4));
    expect([versions.versionOf(0, 4), versions.versionOf(0, 5)]).toEqual([1, 0]);
    expect(versions.conflicts(attempt(OpCode.PUT, 5, 0))).toBe(false);
    const other = attempt(OpCode.GET, 4, -1, 1);
    expect(versions.conflicts(other)).toBe(false);
    expect(other.version).toBe(-1); // not versioned: nothing recorded
    expect(versions.conflicts(attempt(OpCode.PUT, 4, 7, 1))).toBe(false);
  });

  test("a key space beyond 2^20 keys shares slots (k mod 2^20): bounded memory, a write to a slot-mate conflicts", () => {
    const versions = new KeyVersions([3 * MAX_VERSION_SLOTS]);
    const read = attempt(OpCode.GET, 5);
    versions.conflicts(read);
    versions.conflicts(attempt(OpCode.PUT, 5 + MAX_VERSION_SLOTS));
    expect(versions.conflicts(attempt(OpCode.PUT, 5, read.version))).toBe(true);
    expect(versions.conflicts(attempt(OpCode.PUT, 6, 0))).toBe(false);
  });

  test("a namespace with no keys is a RangeError", () => {
    expect(() => new KeyVersions([0])).toThrow(RangeError);
  });
});
