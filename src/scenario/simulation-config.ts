import type { MetricsConfig } from "../metrics/slo.js";
import type { WorldConfig } from "../model/config.js";

/** Everything one run needs: the world and how to judge it. */
export interface SimulationConfig {
  readonly world: WorldConfig;
  readonly metrics: MetricsConfig;
}
