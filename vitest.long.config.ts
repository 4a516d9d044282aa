import { defineConfig } from "vitest/config";

/**
 * `npm run test:long`: the long statistical proofs in test/long/ (repeated runs on many seeds,
 * large samples). `npm test` keeps one cheap check of each of their claims; CI may skip these.
 */
export default defineConfig({
  test: {
    include: ["test/long/**/*.test.ts"],
    pool: "forks",
    testTimeout: 600_000,
  },
});
