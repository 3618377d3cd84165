import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG } from './theme.js';

/** Two spectra of the same type to compare (e.g. synthetic against a real template). */
export interface ComparisonPanel {
  label: string;
  series: Array<{ name: string; wavelength: ArrayLike<number>; flux: ArrayLike<number> }>;
}

/**
 * Synthetic against real: one row per spectral type, the spectra overlaid (continuum-normalised flux expected),
 * for the synthetic-data docs.
 */
export function comparisonFigure(
  panels: readonly ComparisonPanel[],
  title = 'Synthetic and real spectra of the same type',
): TopLevelSpec {
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: FIGURE_CONFIG,
    vconcat: panels.map((panel) => ({
      title: panel.label,
      width: 820,
      height: 150,
      data: {
        values: panel.series.flatMap((s) =>
          Array.from({ length: s.wavelength.length }, (_, i) => ({
            name: s.name,
            wavelength: s.wavelength[i],
            flux: Number.isFinite(s.flux[i]) ? s.flux[i] : null,
          })),
        ),
      },
      mark: { type: 'line', strokeWidth: 0.8, clip: true },
      encoding: {
        x: {
          field: 'wavelength',
          type: 'quantitative',
          title: 'Wavelength (Å)',
          scale: { zero: false, nice: false },
        },
        y: {
          field: 'flux',
          type: 'quantitative',
          title: 'Normalized Flux',
          scale: { domain: [0, 1.6], clamp: false },
        },
        color: {
          field: 'name',
          type: 'nominal',
          title: null,
          scale: {
            domain: names,
            range: ['#d62728', '#222222', '#1f77b4', '#2ca02c'].slice(0, names.length),
          },
        },
      },
    })),
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}
