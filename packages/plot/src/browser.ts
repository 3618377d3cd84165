// The browser entry of @spectra/plot (the `browser` export condition): every figure spec, vega-lite → vega and SVG
// rendering; not PNG (resvg is a native binary), files or the self-contained HTML page, which are Node's.
export type { TopLevelSpec as FigureSpec } from 'vega-lite';
export type { BalanceItem } from './class-balance-figure.js';
export { classBalanceFigure } from './class-balance-figure.js';
export type { ComparisonPanel } from './comparison-figure.js';
export { comparisonFigure } from './comparison-figure.js';
export type { HistoryPoint } from './history-figure.js';
export { historyFigure } from './history-figure.js';
export type { LabelLayoutOptions, PlacedLabel } from './label-layout.js';
export { layoutLabels } from './label-layout.js';
export { mountFigure } from './mount-figure.js';
export type { PerformanceInput } from './performance-figure.js';
export { performanceFigure } from './performance-figure.js';
export type { ReleaseShiftPoint } from './release-shift-figure.js';
export { releaseShiftFigure } from './release-shift-figure.js';
export { renderSvg, toVega } from './render-svg.js';
export type { MarkedLine, SpectrumFigureInput } from './spectrum-figure.js';
export { spectrumFigure } from './spectrum-figure.js';
export { CLASS_COLORS, COLORS, FIGURE_CONFIG, FIGURE_FONT } from './theme.js';
