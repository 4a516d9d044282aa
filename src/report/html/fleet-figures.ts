import { headlineLabel } from "./headline-labels.js";

const KEYS = ["outagesPerYear", "outageHoursMean", "outageHoursMax", "rangeShareMax", "clustersAffected", "timeAtRiskShare"] as const;

/** A fleet figure: which estimate, its name with unit, and the scale from the estimate to the bar. */
export const FLEET_FIGURES = KEYS.map((key) => ({ key, ...headlineLabel(key) }));
