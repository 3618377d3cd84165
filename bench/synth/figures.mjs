#!/usr/bin/env node
// The synthetic-data docs' figures: synthetic against real PyHammer templates of the same type (A0, G2, K5, M3),
// and the line-strength trends (Hβ, Ca II K, Na D equivalent widths and a TiO band depth against subtype) of both.
// Writes docs/figures/synthetic-vs-template.svg and docs/figures/line-trends.svg (after a build).
// Usage: node bench/synth/figures.mjs
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { fitContinuum } = await import(join(root, 'packages/lines/dist/index.js'));
const { modelSpectrum, typicalStar } = await import(join(root, 'packages/synth/dist/index.js'));
const { subtypeIndex } = await import(join(root, 'packages/core/dist/index.js'));
const { normaliseToTemplate } = await import(join(root, 'packages/synth/scripts/template-realism.mjs'));
const { comparisonFigure, FIGURE_CONFIG, writeFigure } = await import(
  join(root, 'packages/plot/dist/index.js')
);
const dir = resolve(root, '../shared/fixtures/templates/pyhammer');
const index = readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1);
const fileOf = (subtype) => index.map((r) => r.split(',')).find(([, s]) => s === subtype)[0];

// Display grid: 2e-4 dex (every second SDSS pixel) from 3800 to 9000 Å.
const grid = Float64Array.from({ length: 1872 }, (_, i) => 10 ** (Math.log10(3800) + i * 2e-4));
const normalized = (wavelength, flux) => fitContinuum({ wavelength, flux, uncertainty: 'none' }).normalized;
const onGrid = (spectrum) => {
  const out = new Float64Array(grid.length);
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    while (j < spectrum.wavelength.length - 2 && spectrum.wavelength[j + 1] < grid[i]) j++;
    const [w0, w1] = [spectrum.wavelength[j], spectrum.wavelength[j + 1]];
    const t = (grid[i] - w0) / (w1 - w0);
    out[i] = spectrum.flux[j] * (1 - t) + spectrum.flux[j + 1] * t;
  }
  return out;
};

const panels = [];
for (const subtype of ['A0', 'G2', 'K5', 'M3']) {
  const template = await readSpectrum(join(dir, fileOf(subtype)));
  const real = normalized(grid, onGrid(template));
  // Modelled on SDSS's own 1e-4 dex pixels, then averaged in pairs onto the display grid, like the template.
  const fineGrid = Float64Array.from(
    { length: 2 * grid.length },
    (_, i) => 10 ** (Math.log10(3800) + (i - 0.5) * 1e-4),
  );
  const fineFlux = modelSpectrum(typicalStar(subtype), fineGrid, 2000);
  // Normalised to the template's continuum, as the realism test compares them (template-realism.mjs).
  const synthetic = normaliseToTemplate(
    grid,
    Float64Array.from(grid, (_, i) => 0.5 * (fineFlux[2 * i] + fineFlux[2 * i + 1])),
    real,
    fitContinuum,
  );
  panels.push({
    label: `${subtype} V`,
    series: [
      { name: 'PyHammer template (SDSS)', wavelength: grid, flux: real },
      { name: 'synthetic (@spectra/synth)', wavelength: grid, flux: synthetic },
    ],
  });
}
const comparison = comparisonFigure(
  panels,
  'Synthetic and real (PyHammer, SDSS) spectra, continuum-normalised',
);
await writeFigure(join(root, 'docs/figures/synthetic-vs-template.svg'), comparison);

const WINDOWS = {
  'Hβ EW (Å)': [4848, 4878, 'ew'],
  'Ca II K EW (Å)': [3925, 3945, 'ew'],
  'Na D EW (Å)': [5885, 5900, 'ew'],
  'TiO 7054 depth': [7060, 7100, 'band'],
};
function measure(wavelength, flux) {
  const clipped = fitContinuum({ wavelength, flux, uncertainty: 'none' });
  const envelope = fitContinuum({ wavelength, flux, uncertainty: 'none' }, { method: 'upper-envelope' });
  return Object.entries(WINDOWS).map(([feature, [from, to, kind]]) => {
    const fit = kind === 'ew' ? clipped : envelope;
    let sum = 0;
    let count = 0;
    for (let i = 1; i < wavelength.length; i++) {
      if (wavelength[i] < from || wavelength[i] > to || !Number.isFinite(fit.normalized[i])) continue;
      sum +=
        kind === 'ew' ? (1 - fit.normalized[i]) * (wavelength[i] - wavelength[i - 1]) : 1 - fit.normalized[i];
      count++;
    }
    return { feature, value: kind === 'ew' ? sum : sum / Math.max(1, count) };
  });
}
const fine = Float64Array.from({ length: 3900 }, (_, i) => 10 ** (Math.log10(3700) + i * 1e-4));
const values = [];
for (const row of index) {
  const [file, subtype] = row.split(',');
  if (subtype.startsWith('L')) continue;
  const order = subtypeIndex(subtype);
  const template = await readSpectrum(join(dir, file));
  for (const m of measure(template.wavelength, template.flux))
    values.push({ ...m, subtype, order, source: 'PyHammer template' });
  for (const m of measure(fine, modelSpectrum(typicalStar(subtype), fine, 2000)))
    values.push({ ...m, subtype, order, source: 'synthetic' });
}
const trends = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'Line strengths against spectral type: synthetic and real templates',
  config: FIGURE_CONFIG,
  data: { values },
  facet: { field: 'feature', type: 'nominal', title: null, sort: Object.keys(WINDOWS) },
  columns: 2,
  spec: {
    width: 380,
    height: 200,
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'order',
        type: 'quantitative',
        title: 'Spectral type (O0 = 0, B0 = 10, ..., M0 = 60)',
        axis: {
          values: [0, 10, 20, 30, 40, 50, 60],
          labelExpr: "['O0','B0','A0','F0','G0','K0','M0'][datum.value / 10]",
        },
      },
      y: { field: 'value', type: 'quantitative', title: null },
      color: { field: 'source', type: 'nominal', title: null, scale: { range: ['#222222', '#d62728'] } },
      tooltip: [{ field: 'subtype' }, { field: 'source' }, { field: 'value', format: '.2f' }],
    },
  },
  resolve: { scale: { y: 'independent' } },
};
await writeFigure(join(root, 'docs/figures/line-trends.svg'), trends);
console.log('wrote docs/figures/synthetic-vs-template.svg and docs/figures/line-trends.svg');
