#!/usr/bin/env node
// How realistic are the synthetic spectra? For every PyHammer template subtype O5–M9 (real, SDSS-derived), make a
// noiseless synthetic dwarf of that subtype, continuum-normalise both (smoothed to ~5 Å, clipped to [0, 1.5]),
// and find the nearest template by χ². Prints the nearest template of each subtype and the letter agreement.
// Target (issue 3/7): ≥ 85% agreement, never more than one letter off. Usage: node bench/synth/realism.mjs
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { fitContinuum } = await import(join(root, 'packages/lines/dist/index.js'));
const { modelSpectrum, typicalStar } = await import(join(root, 'packages/synth/dist/index.js'));
const dir = resolve(root, '../shared/fixtures/templates/pyhammer');
const GRID = Float64Array.from(
  { length: Math.floor((Math.log10(9200) - Math.log10(3700)) / 1e-4) },
  (_, i) => 10 ** (Math.log10(3700) + i * 1e-4),
);

// Defaults: plain χ² on flux smoothed by a 2-pixel Gaussian (the best of the variants tried; see docs/synthetic-data.md).
// --weighted divides by the templates' PropErr (noisy single-star templates then attract everything);
// --no-smooth compares unsmoothed.
const SMOOTH = !process.argv.includes('--no-smooth');
const WEIGHTED = process.argv.includes('--weighted');
// --mask-noisy leaves out pixels where the template's own S/N is below 10.
const MASK_NOISY = process.argv.includes('--mask-noisy');

function normalise(flux) {
  const fit = fitContinuum({ wavelength: GRID, flux, uncertainty: 'none' });
  if (!SMOOTH) return Float64Array.from(fit.normalized, (v) => Math.min(1.5, Math.max(0, v)));
  const sigma = 2;
  return Float64Array.from(fit.normalized, (_, i) => {
    let sum = 0;
    let weight = 0;
    for (let k = -3 * sigma; k <= 3 * sigma; k++) {
      const v = fit.normalized[i + k];
      if (v === undefined || !Number.isFinite(v)) continue;
      const w = Math.exp(-0.5 * (k / sigma) ** 2);
      sum += w * Math.min(1.5, Math.max(0, v));
      weight += w;
    }
    return weight > 0 ? sum / weight : Number.NaN;
  });
}

function rebin(spectrum, values = spectrum.flux, quadrature = false) {
  const out = new Float64Array(GRID.length).fill(Number.NaN);
  let j = 0;
  for (let i = 0; i < GRID.length; i++) {
    const lo = GRID[i] * 10 ** -0.5e-4;
    const hi = GRID[i] * 10 ** 0.5e-4;
    while (j < spectrum.wavelength.length && spectrum.wavelength[j] < lo) j++;
    let sum = 0;
    let count = 0;
    for (let k = j; k < spectrum.wavelength.length && spectrum.wavelength[k] < hi; k++) {
      if (Number.isFinite(values[k])) {
        sum += quadrature ? values[k] ** 2 : values[k];
        count++;
      }
    }
    if (count > 0) out[i] = quadrature ? Math.sqrt(sum) / count : sum / count;
  }
  return out;
}

const templates = [];
for (const row of readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [file, subtype] = row.split(',');
  if (subtype.startsWith('L')) continue;
  const spectrum = await readSpectrum(join(dir, file));
  const flux = rebin(spectrum);
  const normalized = normalise(flux);
  // The template's propagated uncertainty (PropErr), rebinned in quadrature and scaled like the flux.
  const error = rebin(spectrum, spectrum.error, true);
  const sigma = Float64Array.from(error, (e, i) =>
    flux[i] > 0 ? Math.abs((e / flux[i]) * normalized[i]) : Number.NaN,
  );
  templates.push({ subtype, normalized, sigma });
}
const letters = 'OBAFGKM';
let agree = 0;
let worst = 0;
const pairs = [];
for (const { subtype } of templates) {
  const synthetic = normalise(modelSpectrum(typicalStar(subtype), GRID, 2000));
  let best = '';
  let bestChi2 = Number.POSITIVE_INFINITY;
  for (const template of templates) {
    let chi2 = 0;
    let used = 0;
    for (let i = 0; i < GRID.length; i++) {
      const d = synthetic[i] - template.normalized[i];
      const s = WEIGHTED ? template.sigma[i] : 1;
      if (!Number.isFinite(d) || !(s > 0) || !Number.isFinite(s)) continue;
      // Pixels where the template itself has S/N < 10 say nothing about its shape.
      if (MASK_NOISY && !(template.sigma[i] < 0.1)) continue;
      chi2 += (d * d) / (s * s);
      used++;
    }
    // Per pixel compared, so that templates masked differently stay comparable.
    chi2 /= Math.max(1, used);
    if (chi2 < bestChi2) [best, bestChi2] = [template.subtype, chi2];
  }
  const off = Math.abs(letters.indexOf(best[0]) - letters.indexOf(subtype[0]));
  if (off === 0) agree++;
  worst = Math.max(worst, off);
  pairs.push(`${subtype}→${best}`);
}
console.log(pairs.join(' '));
console.log(
  `letter agreement ${agree}/${templates.length} (${((100 * agree) / templates.length).toFixed(0)}%), worst ${worst} letters off`,
);
