import { formatNumber } from "../format.js";
import { headlineLabel } from "./headline-labels.js";
import type { Estimate } from "./result-schemas.js";

const KEYS = ["outagesPerYear", "outageHoursMean", "outageHoursMax", "rangeShareMax", "clustersAffected", "timeAtRiskShare"] as const;

/** A fleet figure: which estimate, its name with unit, and the scale from the estimate to the bar. */
export const FLEET_FIGURES = KEYS.map((key) => ({ key, ...headlineLabel(key) }));

/** A 95% interval as "low–high", in the figure's unit. */
export const interval = (e: Estimate, scale = 1) => `${formatNumber(e.ci95Low * scale, 3)}–${formatNumber(e.ci95High * scale, 3)}`;
