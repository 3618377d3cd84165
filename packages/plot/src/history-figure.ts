import type { TopLevelSpec } from 'vega-lite';
import { COLORS, FIGURE_CONFIG } from './theme.js';

/** One epoch, as @spectra/model's history records it. */
export interface HistoryPoint {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

/** Training history: accuracy and loss side by side, train against validation per epoch. */
export function historyFigure(history: readonly HistoryPoint[], title = 'Training history'): TopLevelSpec {
  const values = history.flatMap((h) => [
    { epoch: h.epoch, set: 'train', metric: 'accuracy', value: h.accuracy },
    { epoch: h.epoch, set: 'train', metric: 'loss', value: h.loss },
    ...(h.valAccuracy === null
      ? []
      : [{ epoch: h.epoch, set: 'validation', metric: 'accuracy', value: h.valAccuracy }]),
    ...(h.valLoss === null ? [] : [{ epoch: h.epoch, set: 'validation', metric: 'loss', value: h.valLoss }]),
  ]);
  const panel = (metric: 'accuracy' | 'loss') => ({
    width: 360,
    height: 240,
    transform: [{ filter: { field: 'metric', equal: metric } }],
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'Epoch', axis: { tickMinStep: 1 } },
      y: {
        field: 'value',
        type: 'quantitative' as const,
        title: metric === 'accuracy' ? 'Accuracy' : 'Loss (cross-entropy)',
        ...(metric === 'accuracy' && { scale: { domain: [0, 1] } }),
      },
      color: {
        field: 'set',
        type: 'nominal' as const,
        title: 'Set',
        scale: { domain: ['train', 'validation'], range: [COLORS.train, COLORS.validation] },
      },
      tooltip: [
        { field: 'epoch', type: 'quantitative' as const },
        { field: 'set', type: 'nominal' as const },
        { field: 'value', type: 'quantitative' as const, format: '.4f' },
      ],
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: FIGURE_CONFIG,
    data: { values },
    hconcat: [panel('accuracy'), panel('loss')],
  };
}
