/** Linear interpolation in a table of (x, y) points sorted by x, held constant beyond its ends. */
export function piecewiseLinear(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  if (x <= points[0][0]) return points[0][1];
  for (let k = 1; k < points.length; k++) {
    if (x <= points[k][0]) {
      const [x0, y0] = points[k - 1];
      const [x1, y1] = points[k];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1][1];
}
