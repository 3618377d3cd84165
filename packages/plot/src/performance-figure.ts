import type { TopLevelSpec } from 'vega-lite';
import { CLASS_COLORS, FIGURE_CONFIG } from './theme.js';

/** What Figure 4 needs from an evaluation (the shape @spectra/model's evaluatePredictions returns). */
export interface PerformanceInput {
  classNames: string[];
  confusion: number[][];
  roc: Array<{ className: string; auc: number; points: Array<[number, number]> }>;
  pr: Array<{ className: string; auc: number; points: Array<[number, number]> }>;
  bySnr: Array<{ bin: string; count: number; accuracy: number | null }>;
  byCoverage: Array<{ bin: string; count: number; accuracy: number | null }>;
  accuracy: number;
  /** The reliability curve (confidence bins) and its expected calibration error, when the evaluation has them. */
  reliability?: Array<{
    low: number;
    high: number;
    count: number;
    confidence: number | null;
    accuracy: number | null;
  }>;
  ece?: number;
}

const auc = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

function heatmap(
  values: Array<{ trueClass: string; predicted: string; value: number; label: string }>,
  order: string[],
  title: string,
  scheme: string,
) {
  const x = {
    field: 'predicted',
    type: 'nominal' as const,
    sort: order,
    title: 'Predicted class',
    axis: { labelAngle: 0 },
  };
  const y = { field: 'trueClass', type: 'nominal' as const, sort: order, title: 'True class' };
  return {
    title,
    width: 240,
    height: 240,
    data: { values },
    layer: [
      {
        mark: 'rect' as const,
        encoding: {
          x,
          y,
          color: { field: 'value', type: 'quantitative' as const, scale: { scheme }, legend: null },
          tooltip: [
            { field: 'trueClass', title: 'True' },
            { field: 'predicted', title: 'Predicted' },
            { field: 'label', title: 'Value' },
          ],
        },
      },
      {
        mark: { type: 'text' as const, fontSize: 10 },
        encoding: {
          x,
          y,
          text: { field: 'label' },
          color: { condition: { test: 'datum.value > 0.5 * datum.max', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}

function curvePanel(curves: PerformanceInput['roc'], kind: 'ROC' | 'PR'): Record<string, unknown> {
  const values = curves.flatMap((c) =>
    c.points.map(([x, y], i) => ({
      series: `${c.className} (${kind === 'ROC' ? 'AUC' : 'AP'} ${auc(c.auc)})`,
      className: c.className,
      x,
      y,
      i,
    })),
  );
  const series = curves.map((c) => `${c.className} (${kind === 'ROC' ? 'AUC' : 'AP'} ${auc(c.auc)})`);
  return {
    title: kind === 'ROC' ? 'ROC (one vs rest)' : 'Precision–recall (one vs rest)',
    width: 240,
    height: 240,
    data: { values },
    mark: { type: 'line' as const, interpolate: kind === 'ROC' ? 'linear' : 'step-after' },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative' as const,
        title: kind === 'ROC' ? 'False positive rate' : 'Recall',
        scale: { domain: [0, 1] },
      },
      y: {
        field: 'y',
        type: 'quantitative' as const,
        title: kind === 'ROC' ? 'True positive rate' : 'Precision',
        scale: { domain: [0, 1] },
      },
      order: { field: 'i', type: 'quantitative' as const },
      color: {
        field: 'series',
        type: 'nominal' as const,
        title: kind === 'ROC' ? 'Class (ROC AUC)' : 'Class (AP)',
        sort: series,
        scale: { domain: series, range: curves.map((c) => CLASS_COLORS[c.className[0]] ?? '#888888') },
      },
    },
  };
}

function binPanel(bins: PerformanceInput['bySnr'], title: string, axis: string): Record<string, unknown> {
  return {
    title,
    width: 240,
    height: 200,
    data: { values: bins.filter((b) => b.count > 0) },
    mark: 'bar' as const,
    encoding: {
      x: { field: 'bin', type: 'ordinal' as const, sort: null, title: axis, axis: { labelAngle: 0 } },
      y: { field: 'accuracy', type: 'quantitative' as const, title: 'Accuracy', scale: { domain: [0, 1] } },
      tooltip: [
        { field: 'bin', title: axis },
        { field: 'count', title: 'Spectra' },
        { field: 'accuracy', format: '.3f' },
      ],
    },
  };
}

function reliabilityPanel(
  bins: NonNullable<PerformanceInput['reliability']>,
  ece: number | undefined,
): Record<string, unknown> {
  const values = bins.filter((b) => b.count > 0).map((b) => ({ ...b, centre: (b.low + b.high) / 2 }));
  return {
    title: `Reliability${ece === undefined ? '' : ` (ECE ${ece.toFixed(3)})`}`,
    width: 240,
    height: 200,
    layer: [
      {
        data: { values: [{ x: 0 }, { x: 1 }] },
        mark: { type: 'line' as const, strokeDash: [4, 4], color: '#888888' },
        encoding: {
          x: { field: 'x', type: 'quantitative' as const },
          y: { field: 'x', type: 'quantitative' as const },
        },
      },
      {
        data: { values },
        mark: { type: 'line' as const, point: true, color: '#1f77b4' },
        encoding: {
          x: {
            field: 'confidence',
            type: 'quantitative' as const,
            title: 'Confidence (calibrated top probability)',
            scale: { domain: [0, 1] },
          },
          y: {
            field: 'accuracy',
            type: 'quantitative' as const,
            title: 'Accuracy',
            scale: { domain: [0, 1] },
          },
          tooltip: [
            { field: 'confidence', format: '.3f' },
            { field: 'accuracy', format: '.3f' },
            { field: 'count', title: 'Spectra' },
          ],
        },
      },
    ],
  };
}

/**
 * Figure 4: confusion matrix (counts and row-normalised), one-vs-rest ROC and PR curves with their AUC in the
 * legend, accuracy against median S/N and against wavelength coverage, and the reliability curve (calibration).
 */
export function performanceFigure(
  evaluation: PerformanceInput,
  title = 'Model performance (test split)',
): TopLevelSpec {
  const order = evaluation.classNames;
  const max = Math.max(1, ...evaluation.confusion.flat());
  const counts = evaluation.confusion.flatMap((row, t) =>
    row.map((n, p) => ({ trueClass: order[t], predicted: order[p], value: n, label: String(n), max })),
  );
  const normalised = evaluation.confusion.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((n, p) => {
      const value = total ? n / total : 0;
      return { trueClass: order[t], predicted: order[p], value, label: value.toFixed(2), max: 1 };
    });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${title}: accuracy ${(100 * evaluation.accuracy).toFixed(1)}%`,
    config: FIGURE_CONFIG,
    vconcat: [
      {
        hconcat: [
          heatmap(counts, order, 'Confusion matrix (counts)', 'blues'),
          heatmap(normalised, order, 'Confusion matrix (row-normalised)', 'blues'),
        ],
        resolve: { scale: { color: 'independent' } },
      },
      {
        hconcat: [curvePanel(evaluation.roc, 'ROC'), curvePanel(evaluation.pr, 'PR')],
        resolve: { scale: { color: 'independent' } },
      },
      {
        hconcat: [
          binPanel(evaluation.bySnr, 'Accuracy vs median S/N', 'Median S/N'),
          binPanel(evaluation.byCoverage, 'Accuracy vs wavelength coverage', 'Grid coverage'),
        ],
      },
      ...(evaluation.reliability
        ? [{ hconcat: [reliabilityPanel(evaluation.reliability, evaluation.ece)] }]
        : []),
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
