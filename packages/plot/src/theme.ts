import type { Config } from 'vega-lite';

/** The font every figure names, shipped as TrueType with the package so output is the same on any machine. */
export const FIGURE_FONT = 'DejaVu Sans';

/** Colours the figures share: emission red, absorption blue, masked grey, train/validation. */
export const COLORS = {
  flux: '#222222',
  error: '#9ecae1',
  masked: '#f2a541',
  emission: '#d62728',
  absorption: '#1f77b4',
  train: '#1f77b4',
  validation: '#ff7f0e',
} as const;

/** MK class colours, hot (blue) to cool (red). */
export const CLASS_COLORS: Record<string, string> = {
  O: '#3b4cc0',
  B: '#5977e3',
  A: '#7b9ff9',
  F: '#9ebeff',
  G: '#f0b98d',
  K: '#e7745b',
  M: '#b40426',
};

/** The configuration every figure carries: one bundled font, white background, quiet axes. */
export const FIGURE_CONFIG: Config = {
  font: FIGURE_FONT,
  background: 'white',
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eeeeee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
  view: { stroke: '#cccccc' },
};
