/** One point of a grid of overrides: a short name such as `read=ALL,rate=2000` and its path → value map. */
export interface GridPoint {
  readonly name: string;
  readonly overrides: Record<string, unknown>;
}

/** Every combination of the axes' values, the last axis varying fastest. */
export function gridPoints(axes: ReadonlyArray<{ readonly path: string; readonly values: readonly unknown[] }>): GridPoint[] {
  let combos: GridPoint[] = [{ name: "", overrides: {} }];
  for (const { path, values } of axes) {
    const short = path.split(".").pop()!;
    combos = combos.flatMap((c) =>
      values.map((v) => {
        const part = `${short}=${typeof v === "string" ? v : JSON.stringify(v)}`;
        return { name: c.name === "" ? part : `${c.name},${part}`, overrides: { ...c.overrides, [path]: v } };
      }),
    );
  }
  return combos;
}
