import * as z from "zod";

const column = (absent: string) =>
  z.union([z.string().min(1), z.number().int().min(1)]).optional()
    .describe(`Its name in the file's header row, or its number (1 = the first column). Absent: ${absent}.`);

/**
 * `workload.rate` read from a time series file: a row per sample, a timestamp and requests per
 * second, interpolated between rows. The file is read when the scenario is loaded (scenario/traffic-file.ts).
 */
export const trafficRate = z
  .strictObject({
    file: z.string().min(1)
      .describe("A CSV file of the traffic, relative to the scenario file: a row per sample, a timestamp and a rate in requests per second (a header row is optional, # starts a comment). Timestamps are seconds (plain numbers: from the start or Unix time), durations such as 1h30m, or ISO-8601 date-times (2024-05-01T08:00:00Z; UTC when no offset is given), all of one kind and strictly increasing; the first row is the start of the run. Required."),
    column: column("the second column").describe("The rate column (requests per second, numbers ≥ 0): its header name, or its number (1 = the first column). Absent: the second column."),
    timeColumn: column("the first column").describe("The timestamp column: its header name, or its number (1 = the first column). Absent: the first column."),
    timeUnit: z.enum(["s", "ms"]).default("s")
      .describe("The unit of timestamps written as plain numbers: s (seconds, or Unix time in seconds) or ms (Unix time in milliseconds, as some monitoring exports write it)."),
    scale: z.number().nonnegative().default(1).describe("Every rate in the file is multiplied by this (a plain factor): 0.5 replays half the recorded load."),
    speed: z.number().positive().default(1)
      .describe("The file's time runs this many times faster in the run, rates as written: 288 replays a day of samples in 5 minutes (a plain factor)."),
    interpolate: z.enum(["linear", "step"]).default("linear")
      .describe("Between two rows: linear (a straight line from one rate to the next) or step (each row's rate holds until the next row; the last row only ends the series)."),
    repeat: z.boolean().default(false)
      .describe("After the last row, start over from the first (the rows' span is the period). false: the run may not be longer than the rows' span."),
  })
  .meta({
    description: "The offered load read from a time series file, in place of a constant rate: { file, column?, timeColumn?, timeUnit?, scale?, speed?, interpolate?, repeat? }. It replaces workload.steps (refused beside it); multipliers, retry storms and namespace shares still apply.",
    examples: [{ file: "data/diurnal-traffic.csv", column: "rps", scale: 0.5 }],
  });

export type TrafficRateSpec = z.output<typeof trafficRate>;
