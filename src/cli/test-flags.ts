/** The options of `relisim test`, shared by the command and its worker threads. */
export interface TestFlags {
  seed?: number;
  quiet?: boolean;
  /** Record each scenario's outcome as its new pin instead of comparing with the old one. */
  update?: boolean;
  /** Where pins live (default results/pinned). */
  pins?: string;
  /** Write JUnit XML here. */
  junit?: string;
  /** With `update`: replications per run to estimate each figure's spread (default 20). */
  replications?: number;
  /**
   * Compare every figure and the engine fingerprint exactly (same relisim, Node and seed only).
   * With `update`: re-record only that, once the run lies within every prediction interval.
   */
  exact?: boolean;
  /** The family-wise false-alarm rate of one scenario's pin comparison (default 0.001). */
  falseAlarmRate?: number;
  /** Worker threads for `update`'s replications (default: the machine's cores). */
  workers?: number;
  /** Scenarios tested at once, each on a worker thread (default: the machine's cores; 1 with `update`). */
  jobs?: number;
}
