import { describe, expect, test } from "vitest";
import { editDistance, suggest } from "../../src/scenario/did-you-mean.js";

describe("editDistance", () => {
  test.each([
    ["", "", 0], ["abc", "", 3], ["", "abc", 3], ["kitten", "sitting", 3], ["full", "fulll", 1],
    ["concurrency", "concurency", 1], ["ab", "ba", 1], ["abc", "acb", 1], ["ca", "abc", 2], ["abcdef", "badcfe", 3],
  ])("%j → %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("suggest", () => {
  const keys = ["concurrency", "queue", "serviceTime", "timeout", "retry"];

  test("finds a misspelt key", () => {
    expect(suggest("concurency", keys)).toBe("concurrency");
    expect(suggest("timout", keys)).toBe("timeout");
    expect(suggest("sevriceTime", keys)).toBe("serviceTime");
  });

  test("ignores case", () => {
    expect(suggest("Timeout", keys)).toBe("timeout");
    expect(suggest("SERVICETIME", keys)).toBe("serviceTime");
  });

  test("suggests nothing for a word unlike every candidate", () => {
    expect(suggest("banana", keys)).toBeUndefined();
    expect(suggest("zz", ["ab", "cd"])).toBeUndefined();
    expect(suggest("x", [])).toBeUndefined();
  });

  test("takes the closest candidate, the earlier on a tie", () => {
    expect(suggest("fulll", ["none", "full", "equal", "decorrelated"])).toBe("full");
    expect(suggest("ab", ["ac", "ad"])).toBe("ac");
    expect(suggest("LOCALQUORUM", ["ONE", "QUORUM", "LOCAL_QUORUM"])).toBe("LOCAL_QUORUM");
  });

  test("on a tie, takes the candidate that starts like the word", () => {
    expect(suggest("nodes", ["vnodes", "node"])).toBe("node");
    expect(suggest("nodes", ["node", "vnodes"])).toBe("node");
  });

  test("never suggests the word itself", () => {
    expect(suggest("retry", ["retry"])).toBeUndefined();
  });
});
