#!/usr/bin/env node
// Measures line strengths in the 64 PyHammer templates (Kesseli et al. 2017, co-added SDSS BOSS spectra) with
// @spectra/lines and writes them as the empirical MK calibration the generator follows:
// packages/synth/src/line-strengths.ts. Run after a build: node packages/synth/scripts/calibrate-line-strengths.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { fitContinuum, findLines } = await import(join(root, 'packages/lines/dist/index.js'));
const dir = resolve(root, '../shared/fixtures/templates/pyhammer');
const index = readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1);

// Equivalent-width windows (vacuum Å) on the sigma-clip-normalised spectrum.
const EW_WINDOWS = {
  Halpha: [6550, 6580],
  Hbeta: [4848, 4878],
  Hgamma: [4326, 4356],
  Hdelta: [4088, 4118],
  H8: [3882, 3898],
  H9: [3829, 3844],
  P12: [8745, 8761],
  P11: [8857, 8873],
  CaK: [3925, 3945],
  CaHHeps: [3962, 3980],
  CaI4227: [4222, 4232],
  Gband: [4296, 4318],
  HeI4026: [4021, 4033],
  HeI4471: [4467, 4478],
  HeI5876: [5871, 5883],
  HeI6678: [6674, 6686],
  HeII4686: [4682, 4692],
  HeII4542: [4537, 4548],
  HeII5411: [5406, 5418],
  Mgb: [5160, 5195],
  NaD: [5885, 5900],
  Fe5270: [5264, 5278],
  Fe5335: [5325, 5340],
  CaT8542: [8538, 8550],
  CaT8662: [8657, 8670],
};
// Molecular band depths 1 − <F/envelope> just redwards of each head (vacuum heads ≈ air + 1.4–2.3 Å).
const BAND_WINDOWS = {
  TiO4955: [4962, 4990],
  TiO5167: [5172, 5195],
  TiO5448: [5455, 5480],
  TiO6158: [6165, 6200],
  TiO6651: [6658, 6690],
  TiO7054: [7060, 7100],
  TiO7589: [7595, 7640],
  TiO8432: [8440, 8480],
  CaH6382: [6385, 6400],
  CaH6750: [6752, 6800],
  VO7334: [7336, 7380],
  VO7851: [7853, 7900],
};

const rows = [];
const detections = [];
for (const line of index) {
  const [file, subtype] = line.split(',');
  if (subtype.startsWith('L')) continue;
  const spectrum = await readSpectrum(join(dir, file));
  const good = { ...spectrum, ivar: undefined, uncertainty: 'none' };
  const clipped = fitContinuum(good);
  const envelope = fitContinuum(good, { method: 'upper-envelope' });
  const measure = (fit, [from, to], kind) => {
    let sum = 0;
    let count = 0;
    for (let i = 1; i < spectrum.wavelength.length; i++) {
      const w = spectrum.wavelength[i];
      if (w < from || w > to || !Number.isFinite(fit.normalized[i])) continue;
      const step = w - spectrum.wavelength[i - 1];
      sum += kind === 'ew' ? (1 - fit.normalized[i]) * step : 1 - fit.normalized[i];
      count++;
    }
    return kind === 'ew' ? sum : sum / Math.max(1, count);
  };
  const row = { subtype };
  for (const [name, window] of Object.entries(EW_WINDOWS))
    row[name] = Number(measure(clipped, window, 'ew').toFixed(3));
  for (const [name, window] of Object.entries(BAND_WINDOWS))
    row[name] = Number(measure(envelope, window, 'depth').toFixed(3));
  rows.push(row);
  // The weak-line forest: absorption features the template shows at SDSS resolution (smoothed to 1e-4 dex pixels).
  const grid = Float64Array.from({ length: 3900 }, (_, i) => 10 ** (Math.log10(3700) + i * 1e-4));
  const flux = rebin(spectrum, grid);
  const found = findLines(
    { wavelength: grid, flux, uncertainty: 'none' },
    { type: 'absorption', thresholdSnr: 6 },
  );
  detections.push({
    subtype,
    lines: found.filter((l) => l.ewAngstrom > 0.15).map((l) => [l.centerAngstrom, l.ewAngstrom]),
  });
}

function rebin(spectrum, grid) {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    const lo = grid[i] * 10 ** -0.5e-4;
    const hi = grid[i] * 10 ** 0.5e-4;
    while (j < spectrum.wavelength.length && spectrum.wavelength[j] < lo) j++;
    let sum = 0;
    let count = 0;
    for (let k = j; k < spectrum.wavelength.length && spectrum.wavelength[k] < hi; k++) {
      if (Number.isFinite(spectrum.flux[k])) {
        sum += spectrum.flux[k];
        count++;
      }
    }
    if (count > 0) out[i] = sum / count;
  }
  return out;
}
const order = (s) => 'OBAFGKM'.indexOf(s[0]) * 10 + Number(s.slice(1));
rows.sort((a, b) => order(a.subtype) - order(b.subtype));
detections.sort((a, b) => order(a.subtype) - order(b.subtype));
// Cluster detections across subtypes into forest lines (within 1.5 Å), keep those seen in at least 3 subtypes.
const all = detections.flatMap((d, k) => d.lines.map(([center, ew]) => ({ center, ew, k })));
all.sort((a, b) => a.center - b.center);
const clusters = [];
for (const item of all) {
  const last = clusters[clusters.length - 1];
  if (last && item.center - last.center < 1.5) {
    last.items.push(item);
    last.center = last.items.reduce((s, x) => s + x.center, 0) / last.items.length;
  } else clusters.push({ center: item.center, items: [item] });
}
const forest = clusters
  .filter((c) => new Set(c.items.map((x) => x.k)).size >= 3)
  .map((c) => {
    const ew = detections.map(() => 0);
    for (const item of c.items) ew[item.k] = Math.max(ew[item.k], item.ew);
    return [Number(c.center.toFixed(2)), ew.map((v) => Number(v.toFixed(2)))];
  });
const text = `// Generated by scripts/calibrate-line-strengths.mjs from the PyHammer templates (Kesseli et al. 2017, ApJS 230, 16:
// co-added SDSS BOSS spectra). Equivalent widths (Å, vacuum windows, sigma-clip continuum) and molecular band depths
// (1 − F/upper envelope) measured with @spectra/lines. Do not edit by hand; rerun the script.

/** Measured strengths of one template subtype. */
export interface MeasuredStrengths {
  subtype: string;
  [feature: string]: number | string;
}

/** Equivalent-width features measured (Å). */
export const EW_FEATURES = ${JSON.stringify(Object.keys(EW_WINDOWS))} as const;
/** Band-depth features measured (fraction of the envelope). */
export const BAND_FEATURES = ${JSON.stringify(Object.keys(BAND_WINDOWS))} as const;

export const TEMPLATE_STRENGTHS: MeasuredStrengths[] = ${JSON.stringify(rows, null, 1).replace(/"subtype"/g, 'subtype')};

/** Subtypes of the forest columns, in order. */
export const FOREST_SUBTYPES: string[] = ${JSON.stringify(detections.map((d) => d.subtype))};

/**
 * The weak-line forest: [vacuum centre Å, EW Å per FOREST_SUBTYPES entry] for every absorption feature (EW > 0.15 Å,
 * S/N > 6) that findLines detects at SDSS sampling in at least three templates.
 */
export const FOREST_LINES: Array<[number, number[]]> = ${JSON.stringify(forest)};
`;
writeFileSync(join(root, 'packages/synth/src/line-strengths.ts'), text);
console.log(`wrote line strengths for ${rows.length} subtypes and ${forest.length} forest lines`);
for (const r of rows)
  console.log(
    r.subtype,
    'Hb',
    r.Hbeta,
    'CaK',
    r.CaK,
    'HeI4471',
    r.HeI4471,
    'HeII4686',
    r.HeII4686,
    'NaD',
    r.NaD,
    'Mgb',
    r.Mgb,
    'G',
    r.Gband,
    'TiO7054',
    r.TiO7054,
    'CaH6382',
    r.CaH6382,
  );
