// How realistic are the synthetic spectra? For every PyHammer template subtype O5–M9 (co-added real SDSS BOSS
// spectra), a noiseless synthetic dwarf of that subtype is compared with every template and the nearest by χ² is
// found. Used by src/template-realism.test.ts and bench/synth/realism.mjs; the packages it needs are passed in, so
// that the test can run on sources and the bench on builds.
//
// Continuum normalisation: each template is divided by its sigma-clipped spline continuum (@spectra/lines
// fitContinuum). The synthetic spectrum is divided by the smooth spline (same 0.02 dex knots, no clipping) that
// best matches it to that normalised template — a multiplicative continuum, as template fitters (pPXF) use.
// Normalising the noiseless synthetic spectrum with its own sigma-clipped fit instead biases the comparison: the
// clipping reacts to noise, so the noisy templates and the noiseless model end up with continua up to 20% apart in
// crowded regions, which decides the match more than the lines do. Both are then smoothed by a 2-pixel Gaussian.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The comparison grid: 3700–9200 Å at 1e-4 dex, SDSS sampling. */
export const REALISM_GRID = Float64Array.from(
  { length: Math.floor((Math.log10(9200) - Math.log10(3700)) / 1e-4) },
  (_, i) => 10 ** (Math.log10(3700) + i * 1e-4),
);

/** Averages `values` (on ascending `wavelength`) into the 1e-4 dex pixels of `grid`; NaN where none fall. */
export function rebin(wavelength, values, grid) {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    const lo = grid[i] * 10 ** -0.5e-4;
    const hi = grid[i] * 10 ** 0.5e-4;
    while (j < wavelength.length && wavelength[j] < lo) j++;
    let sum = 0;
    let count = 0;
    for (let k = j; k < wavelength.length && wavelength[k] < hi; k++) {
      if (Number.isFinite(values[k])) {
        sum += values[k];
        count++;
      }
    }
    if (count > 0) out[i] = sum / count;
  }
  return out;
}

/** A 2-pixel Gaussian smoothing of values clipped to [0, 1.5]. */
function smooth(values) {
  const sigma = 2;
  return Float64Array.from(values, (_, i) => {
    let sum = 0;
    let weight = 0;
    for (let k = -3 * sigma; k <= 3 * sigma; k++) {
      const v = values[i + k];
      if (v === undefined || !Number.isFinite(v)) continue;
      const w = Math.exp(-0.5 * (k / sigma) ** 2);
      sum += w * Math.min(1.5, Math.max(0, v));
      weight += w;
    }
    return weight > 0 ? sum / weight : Number.NaN;
  });
}

/**
 * Loads the O5–M9 templates from `dir` (templates_index.csv), continuum-normalised on the comparison grid.
 * deps: { readSpectrum, fitContinuum }.
 */
export async function loadTemplates(dir, { readSpectrum, fitContinuum }) {
  const templates = [];
  for (const row of readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [file, subtype] = row.split(',');
    if (subtype.startsWith('L')) continue;
    const spectrum = await readSpectrum(join(dir, file));
    const flux = rebin(spectrum.wavelength, spectrum.flux, REALISM_GRID);
    const { normalized } = fitContinuum({ wavelength: REALISM_GRID, flux, uncertainty: 'none' });
    templates.push({ subtype, normalized, smoothed: smooth(normalized) });
  }
  return templates;
}

/**
 * A flux divided by the smooth spline (0.02 dex knots, no clipping) that best matches it to a continuum-normalised
 * template on the same wavelengths: the synthetic spectrum normalised to the template's continuum.
 */
export function normaliseToTemplate(wavelength, flux, templateNormalized, fitContinuum) {
  const ratio = Float64Array.from(flux, (f, i) => f / templateNormalized[i]);
  const ivar = Float64Array.from(templateNormalized, (v) => (Number.isFinite(v) && v > 0.05 ? v * v : 0));
  const { continuum } = fitContinuum(
    { wavelength, flux: ratio, ivar, uncertainty: 'ivar' },
    { lowRejectSigma: 1e9, highRejectSigma: 1e9, maxIterations: 1 },
  );
  return Float64Array.from(flux, (f, i) => f / continuum[i]);
}

/** Mean squared difference per pixel between a synthetic flux and one normalised template. */
export function distance(flux, template, fitContinuum) {
  const normalized = smooth(normaliseToTemplate(REALISM_GRID, flux, template.normalized, fitContinuum));
  let sum = 0;
  let used = 0;
  for (let i = 0; i < normalized.length; i++) {
    const d = normalized[i] - template.smoothed[i];
    if (!Number.isFinite(d)) continue;
    sum += d * d;
    used++;
  }
  return sum / Math.max(1, used);
}

/**
 * For every template subtype, the nearest template to a noiseless synthetic dwarf of that subtype.
 * deps: { fitContinuum, modelSpectrum, typicalStar, mkPosition }; leaveOneOut: calibrate each star without its
 * own template.
 */
export function matchTemplates(
  templates,
  { fitContinuum, modelSpectrum, typicalStar, mkPosition },
  { leaveOneOut = false } = {},
) {
  const matches = templates.map(({ subtype }) => {
    const options = leaveOneOut ? { withoutTemplate: subtype } : {};
    const flux = modelSpectrum(typicalStar(subtype), REALISM_GRID, 2000, options);
    let nearest = '';
    let best = Number.POSITIVE_INFINITY;
    for (const template of templates) {
      const chi2 = distance(flux, template, fitContinuum);
      if (chi2 < best) [nearest, best] = [template.subtype, chi2];
    }
    const lettersOff = Math.abs(mkPosition(nearest[0]) - mkPosition(subtype[0]));
    return { subtype, nearest, lettersOff };
  });
  const agree = matches.filter((m) => m.lettersOff === 0).length;
  return {
    matches,
    agreement: agree / matches.length,
    agree,
    worstLettersOff: Math.max(...matches.map((m) => m.lettersOff)),
  };
}
