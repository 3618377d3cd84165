import { orderClasses } from '@spectra/core';
import type { TopLevelSpec } from 'vega-lite';
import { CLASS_COLORS, FIGURE_CONFIG } from './theme.js';

/** One spectrum: its class and median S/N. */
export interface BalanceItem {
  classLabel: string;
  snr: number | null;
}

/** Figure 3: spectra per class and the S/N distribution of each class (box plots, log scale). */
export function classBalanceFigure(
  items: readonly BalanceItem[],
  title = 'Class balance and S/N',
): TopLevelSpec {
  const order = orderClasses(items.map((i) => i.classLabel));
  const color = {
    field: 'classLabel',
    type: 'nominal' as const,
    scale: { domain: order, range: order.map((c) => CLASS_COLORS[c[0]] ?? '#888888') },
    legend: null,
  };
  const x = {
    field: 'classLabel',
    type: 'nominal' as const,
    title: 'Class',
    sort: order,
    axis: { labelAngle: 0 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: FIGURE_CONFIG,
    data: { values: items.map((i) => ({ classLabel: i.classLabel, snr: i.snr })) },
    hconcat: [
      {
        width: 320,
        height: 240,
        mark: 'bar',
        encoding: {
          x,
          y: { aggregate: 'count', type: 'quantitative', title: 'Spectra' },
          color,
          tooltip: [
            { field: 'classLabel', title: 'Class' },
            { aggregate: 'count', title: 'Spectra' },
          ],
        },
      },
      {
        width: 320,
        height: 240,
        transform: [{ filter: 'isValid(datum.snr) && datum.snr > 0' }],
        mark: { type: 'boxplot', extent: 1.5 },
        encoding: {
          x,
          y: { field: 'snr', type: 'quantitative', title: 'Median S/N per pixel', scale: { type: 'log' } },
          color,
        },
      },
    ],
  };
}
