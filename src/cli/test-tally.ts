/** What `relisim test` counts across scenario files: checks passed and failed, and invalid files. */
export interface TestTally {
  passed: number;
  failed: number;
  /** Scenario files that could not be loaded or whose expectations read unknown fields. */
  invalid: number;
}
