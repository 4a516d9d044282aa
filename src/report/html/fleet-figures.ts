import { formatNumber } from "../format.js";
import type { Estimate } from "./result-schemas.js";

/** A fleet figure: which estimate, its name with unit, and the scale from the estimate to the bar. */
export const FLEET_FIGURES = [
  { key: "outagesPerYear", name: "quorum losses / year", scale: 1 },
  { key: "outageHoursMean", name: "mean outage (h)", scale: 1 },
  { key: "outageHoursMax", name: "longest outage (h)", scale: 1 },
  { key: "rangeShareMax", name: "worst range share (%)", scale: 100 },
  { key: "clustersAffected", name: "clusters affected", scale: 1 },
  { key: "timeAtRiskShare", name: "time at risk (%)", scale: 100 },
] as const;

/** A 95% interval as "low–high", in the figure's unit. */
export const interval = (e: Estimate, scale = 1) => `${formatNumber(e.ci95Low * scale, 3)}–${formatNumber(e.ci95High * scale, 3)}`;
