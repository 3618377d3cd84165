import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG } from './theme.js';

/** One train/evaluation release pair. */
export interface ReleaseShiftPoint {
  train_release: string;
  eval_release: string;
  accuracy: number;
  macro_f1: number;
  test_samples: number;
}

/** Figure 5: accuracy and macro F1 for every pair of training and evaluation data release. */
export function releaseShiftFigure(
  rows: readonly ReleaseShiftPoint[],
  title = 'Release shift',
): TopLevelSpec {
  const values = rows.flatMap((r) => [
    { ...r, metric: 'accuracy', value: r.accuracy },
    { ...r, metric: 'macro F1', value: r.macro_f1 },
  ]);
  const x = {
    field: 'eval_release',
    type: 'nominal' as const,
    title: 'Evaluated on',
    axis: { labelAngle: 0 },
  };
  const y = { field: 'train_release', type: 'nominal' as const, title: 'Trained on' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: FIGURE_CONFIG,
    data: { values },
    facet: { column: { field: 'metric', type: 'nominal', title: null } },
    spec: {
      width: 200,
      height: 200,
      layer: [
        {
          mark: 'rect',
          encoding: {
            x,
            y,
            color: {
              field: 'value',
              type: 'quantitative',
              scale: { domain: [0, 1], scheme: 'viridis' },
              title: 'Score',
            },
            tooltip: [
              { field: 'train_release', title: 'Trained on' },
              { field: 'eval_release', title: 'Evaluated on' },
              { field: 'value', format: '.3f', title: 'Score' },
              { field: 'test_samples', title: 'Test spectra' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 12 },
          encoding: {
            x,
            y,
            text: { field: 'value', format: '.3f' },
            color: { condition: { test: 'datum.value < 0.6', value: 'white' }, value: 'black' },
          },
        },
      ],
    },
  };
}
