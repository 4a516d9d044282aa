/**
 * Minimizes `f` over R^d by Nelder and Mead's simplex method (standard coefficients: reflect 1,
 * expand 2, contract ½, shrink ½), from `start` with a first simplex of `step` along each axis.
 * `f` may return Infinity (or NaN) for points outside the domain; they are never chosen. Stops
 * when the simplex's values differ by less than `tolerance` (absolute) or after `maxEvaluations`.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  { step = 0.1, tolerance = 1e-9, maxEvaluations = 2000 }: { step?: number | readonly number[]; tolerance?: number; maxEvaluations?: number } = {},
): { x: number[]; value: number } {
  const d = start.length;
  let evaluations = 0;
  const value = (x: readonly number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const points: number[][] = [start.slice()];
  for (let i = 0; i < d; i++) {
    const p = start.slice();
    p[i] += typeof step === "number" ? step : step[i];
    points.push(p);
  }
  const values = points.map(value);
  const order = () => {
    const idx = points.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
    const [p, v] = [idx.map((i) => points[i]), idx.map((i) => values[i])];
    for (let i = 0; i <= d; i++) [points[i], values[i]] = [p[i], v[i]];
  };
  const along = (centroid: number[], worst: number[], t: number) => centroid.map((c, i) => c + t * (worst[i] - c));
  while (evaluations < maxEvaluations) {
    order();
    if (Number.isFinite(values[d]) && values[d] - values[0] <= tolerance) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += points[i][j] / d;
    const reflected = along(centroid, points[d], -1);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = along(centroid, points[d], -2);
      const fe = value(expanded);
      [points[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[d - 1]) {
      [points[d], values[d]] = [reflected, fr];
    } else {
      const inside = fr >= values[d];
      const contracted = along(centroid, inside ? points[d] : reflected, 0.5);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[d])) {
        [points[d], values[d]] = [contracted, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          points[i] = points[i].map((x, j) => points[0][j] + 0.5 * (x - points[0][j]));
          values[i] = value(points[i]);
        }
      }
    }
  }
  order();
  return { x: points[0], value: values[0] };
}
