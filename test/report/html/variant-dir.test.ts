import { expect, test } from "vitest";
import { variantDirName } from "../../../src/cli/compare-command.js";
import { variantDir } from "../../../src/report/html/variant-dir.js";

// The report repeats the CLI's rule (it cannot import the CLI); the two must name the same directory.
test("the report looks for each variant where compare writes it", () => {
  const names = ["protected", "read=ONE", "rate=20/s", "a b/c:d", "x,y+z.w-v", "über*?"];
  expect(names.map(variantDir)).toEqual(names.map(variantDirName));
  expect(variantDir("rate=20/s")).toBe("rate=20_s");
});
