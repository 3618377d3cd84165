import { SPEED_OF_LIGHT_KMS as C_KMS, ccm89 } from '@spectra/core';
import type { Spectrum } from '@spectra/fits';
import { fitContinuum, goodPixels, measureRadialVelocity } from '@spectra/lines';
import { DEFAULT_GRID, gridEdges, type LogGrid } from './log-grid.js';
import { resampleFlux } from './resample-flux.js';

/** The steps of preprocessSpectrum, in the order it applies (and reports) them. */
export const PREPROCESS_STEPS = [
  'quality_mask',
  'rest_frame',
  'resample',
  'deredden',
  'continuum_normalise',
  'pad_or_crop',
] as const;

/** One preprocessing step as applied: what the preprocessing log records (Table D). */
export interface PreprocessStep {
  name: (typeof PREPROCESS_STEPS)[number];
  /** What was applied, with `applied: false` for a step that was skipped. */
  params: Record<string, unknown>;
  /** The step's resulting array; valid only during the callback (later steps may change it in place). */
  result: ArrayBufferView;
  warnings: string[];
}

/** How to preprocess; each choice is reported through `onStep`. */
export interface PreprocessOptions {
  grid?: LogGrid;
  /** Rest frame from the file's redshift (`header`), a cross-correlation (`measure`), a given velocity, or none. */
  restFrame?: 'header' | 'measure' | 'none' | { rvKms: number };
  /** Normalise by the fitted continuum. Default true. */
  continuum?: boolean;
  /** Undo reddening with the file's E(B−V) and CCM89, R_V = 3.1. Default true. */
  deredden?: boolean;
  /** Fraction of a grid pixel good pixels must cover for it to count as valid. Default 0.5. */
  minCoverage?: number;
  /** Value written where the grid has no valid data (with mask 0). Default 1 (the continuum level). */
  fillValue?: number;
  /**
   * Clamp the normalised flux into [low, high]: beyond it is noise divided by a continuum near zero (the blue end of
   * a cool star at low S/N reaches hundreds), which no line produces. @default none
   */
  clip?: readonly [number, number];
  /** Called after every step, in order, with what it applied and its result (e.g. to log and hash it). */
  onStep?: (step: PreprocessStep) => void;
}

/** A spectrum on the common grid, ready for the network: flux and a mask channel (1 = measured). */
export interface PreprocessedSpectrum {
  flux: Float32Array;
  mask: Uint8Array;
  /** Rest-frame grid centres, Å. */
  wavelength: Float64Array;
  z: number;
  warnings: string[];
}

/**
 * The reference README's Figure 2: quality mask (AND-mask bad bits, ivar = 0) → rest frame → flux-conserving
 * resampling onto the common log-λ grid → de-reddening → continuum normalisation → pad_or_crop. Missing and masked
 * pixels get `fillValue` and mask 0, never a zero that looks like flux. De-reddening comes before normalisation:
 * extinction multiplies the flux, and the normaliser should see the spectrum it acts on.
 */
export function preprocessSpectrum(
  spectrum: Spectrum,
  options: PreprocessOptions = {},
): PreprocessedSpectrum {
  const grid = options.grid ?? DEFAULT_GRID;
  const step = (
    name: PreprocessStep['name'],
    params: Record<string, unknown>,
    result: ArrayBufferView,
    warnings: string[] = [],
  ) => options.onStep?.({ name, params, result, warnings });
  const warnings: string[] = [];
  const n = spectrum.flux.length;
  const good = goodPixels(spectrum);
  const masked = n - good.reduce((a, b) => a + b, 0);
  step('quality_mask', { applied: true, source: 'the survey bad pixels (badPixels)', masked }, good);

  const restFrame = options.restFrame ?? 'header';
  let z = 0;
  if (restFrame === 'header') z = spectrum.meta.redshift ?? 0;
  else if (restFrame === 'measure') z = measureRadialVelocity(spectrum).rvKms / C_KMS;
  else if (restFrame !== 'none') z = restFrame.rvKms / C_KMS;
  if (restFrame === 'header' && spectrum.meta.redshift === undefined)
    warnings.push('no redshift in the file; left in the observed frame');
  const rest = Float64Array.from(spectrum.wavelength, (w) => w / (1 + z));
  step(
    'rest_frame',
    { applied: z !== 0, z, source: typeof restFrame === 'string' ? restFrame : 'rvKms' },
    rest,
  );

  const { edges, centers } = gridEdges(grid);
  const resampled = resampleFlux(rest, spectrum.flux, spectrum.ivar, good, edges);
  step('resample', { applied: true, ...grid, method: 'flux-conserving' }, resampled.flux);

  const ebv = spectrum.meta.ebv ?? 0;
  if (options.deredden !== false && ebv > 0) {
    // Extinction acts at observed wavelengths.
    for (let k = 0; k < grid.length; k++)
      resampled.flux[k] *= 10 ** (0.4 * ebv * 3.1 * ccm89(centers[k] * (1 + z)));
  }
  step(
    'deredden',
    { applied: options.deredden !== false && ebv > 0, ebv, law: 'CCM89', rv: 3.1 },
    resampled.flux,
  );

  const minCoverage = options.minCoverage ?? 0.5;
  const valid = Uint8Array.from(resampled.coverage, (c, k) =>
    c >= minCoverage && Number.isFinite(resampled.flux[k]) ? 1 : 0,
  );
  let values = resampled.flux;
  if (options.continuum !== false) {
    const fit = fitContinuum({
      wavelength: centers,
      flux: resampled.flux,
      ivar: Float64Array.from(resampled.ivar, (v, k) => (valid[k] ? v : 0)),
      uncertainty: spectrum.uncertainty === 'none' ? 'none' : 'ivar',
    });
    values = fit.normalized;
  } else {
    // Without a continuum, the spectrum is still divided by its median so every input has the same scale; the
    // continuum's shape (and with it the colour) stays in.
    const good = values.filter((v, k) => valid[k] === 1 && Number.isFinite(v)).sort();
    const median = good.length ? good[Math.floor(good.length / 2)] : 1;
    if (median > 0) values = values.map((v) => v / median);
  }
  let clipped = 0;
  if (options.clip) {
    const [low, high] = options.clip;
    if (!(low < high)) throw new RangeError(`clip [${low}, ${high}]: low must be below high`);
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (v < low || v > high) {
        values[k] = v < low ? low : high;
        if (valid[k] === 1) clipped++;
      }
    }
  }
  step(
    'continuum_normalise',
    {
      ...(options.continuum !== false
        ? { applied: true, method: 'sigma-clip spline' }
        : { applied: false, method: 'divided by the median flux' }),
      ...(options.clip && { clip: [...options.clip], clipped }),
    },
    values,
  );

  const fill = options.fillValue ?? 1;
  const flux = new Float32Array(grid.length);
  const mask = new Uint8Array(grid.length);
  for (let k = 0; k < grid.length; k++) {
    const ok = valid[k] === 1 && Number.isFinite(values[k]);
    flux[k] = ok ? values[k] : fill;
    mask[k] = ok ? 1 : 0;
  }
  const missing = grid.length - mask.reduce((a, b) => a + b, 0);
  const action = missing === 0 ? 'unchanged' : 'padded';
  step(
    'pad_or_crop',
    { applied: missing > 0, length: grid.length, action, filled: missing, fillValue: fill },
    flux,
    missing ? [`${missing} grid pixels without data filled with ${fill}`] : [],
  );
  return { flux, mask, wavelength: centers, z, warnings };
}
