/** The unit a timeline's x axis counts in: seconds for short runs, minutes or hours for long. */
export interface TimeAxis {
  /** Seconds per unit. */
  readonly seconds: number;
  readonly title: string;
  /** The axis domain in units: the whole run. */
  readonly domain: readonly [number, number];
}

/** Picks the unit so a run of `durationS` seconds spans a readable number of units. */
export function timeAxis(durationS: number): TimeAxis {
  const [seconds, unit] = durationS > 3 * 3600 ? [3600, "h"] : durationS > 15 * 60 ? [60, "min"] : [1, "s"];
  return { seconds, title: `simulated time (${unit})`, domain: [0, durationS / seconds] };
}
