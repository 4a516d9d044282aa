/**
 * The subdirectory `relisim compare` writes a variant's run files into. The same rule as the CLI's
 * variantDirName (test/report/html/variant-dir.test.ts holds them together): the report, a lower
 * layer, cannot import the CLI.
 */
export function variantDir(name: string): string {
  return name.replace(/[^A-Za-z0-9._=,+-]/g, "_");
}
