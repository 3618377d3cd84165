/** A common log-λ grid: `length` pixels uniform in log10 λ from `startAngstrom` to `endAngstrom` (pixel edges). */
export interface LogGrid {
  startAngstrom: number;
  endAngstrom: number;
  length: number;
}

/** The default grid: 3,840 pixels over 3,650–10,000 Å (≈ 1.14e-4 dex per pixel, about SDSS sampling). */
export const DEFAULT_GRID: LogGrid = { startAngstrom: 3650, endAngstrom: 10000, length: 3840 };

/** Pixel edges (length + 1) and centres (length) of a grid, Å. */
export function gridEdges(grid: LogGrid): { edges: Float64Array; centers: Float64Array } {
  const a = Math.log10(grid.startAngstrom);
  const step = (Math.log10(grid.endAngstrom) - a) / grid.length;
  const edges = Float64Array.from({ length: grid.length + 1 }, (_, i) => 10 ** (a + step * i));
  const centers = Float64Array.from({ length: grid.length }, (_, i) => 10 ** (a + step * (i + 0.5)));
  return { edges, centers };
}
