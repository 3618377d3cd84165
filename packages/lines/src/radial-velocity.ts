import { SPEED_OF_LIGHT_KMS as C_KMS } from '@spectra/core';
import { type ContinuumOptions, fitContinuum } from './fit-continuum.js';
import { type LineListEntry, lineList } from './line-list.js';
import { goodPixels, type SpectrumInput } from './spectrum-input.js';

/** Options for measureRadialVelocity. */
export interface RadialVelocityOptions {
  /** A template spectrum (rest frame, same medium); default: a synthetic spectrum of the line list. */
  template?: SpectrumInput;
  /** Search range ±, km/s. Default 1000. */
  maxVelocityKms?: number;
  /** Step of the common log-λ grid, dex. Default 1e-5 (≈ 6.9 km/s). */
  stepDex?: number;
  /** Resolving power of the synthetic template's lines. Default 2000 (SDSS/BOSS). */
  resolvingPower?: number;
  /** Lines for the synthetic template. Default: list lines and blends of H, He, Ca, Na, Mg, Fe. */
  lines?: readonly LineListEntry[];
  continuumOptions?: ContinuumOptions;
  maskBits?: number;
}

/** A cross-correlation velocity. */
export interface RadialVelocity {
  /** Radial velocity c·z, km/s (positive: receding). */
  rvKms: number;
  /** Tonry & Davis (1979) uncertainty, km/s. */
  rvErrKms: number;
  /** Tonry & Davis r (peak height over the antisymmetric noise). */
  r: number;
  /** Peak value of the normalised cross-correlation. */
  peak: number;
}

const SPECIES = new Set(['H I', 'He I', 'Ca II', 'Ca I', 'Na I', 'Mg I', 'Mg II', 'Fe I', 'Fe II', 'K I']);

/**
 * Measures a radial velocity by cross-correlation in log λ of the continuum-normalised line-depth spectrum
 * (1 − F/Fc) against a template, with a parabolic peak fit and the Tonry & Davis uncertainty.
 */
export function measureRadialVelocity(
  spectrum: SpectrumInput,
  options: RadialVelocityOptions = {},
): RadialVelocity {
  const { maxVelocityKms = 1000, stepDex = 1e-5, resolvingPower = 2000, maskBits } = options;
  const observed = depthSpectrum(spectrum, options.continuumOptions, maskBits);
  const start = Math.log10(spectrum.wavelength[0]);
  const end = Math.log10(spectrum.wavelength[spectrum.wavelength.length - 1]);
  const n = Math.floor((end - start) / stepDex);
  const grid = Float64Array.from({ length: n }, (_, i) => start + i * stepDex);
  const s = resample(spectrum.wavelength, observed, grid);
  const t = options.template
    ? resample(
        options.template.wavelength,
        depthSpectrum(options.template, options.continuumOptions, maskBits),
        grid,
      )
    : syntheticTemplate(
        grid,
        options.lines ?? lineList.filter((l) => SPECIES.has(l.elem) && l.kind !== 'band'),
        resolvingPower,
        spectrum.frame === 'air',
      );
  taperAndCenter(s);
  taperAndCenter(t);
  const maxLag = Math.ceil(Math.log10(1 + maxVelocityKms / C_KMS) / stepDex);
  const ccf = new Float64Array(2 * maxLag + 1);
  let normS = 0;
  let normT = 0;
  for (let i = 0; i < n; i++) {
    normS += s[i] * s[i];
    normT += t[i] * t[i];
  }
  const norm = Math.sqrt(normS * normT) || 1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let sum = 0;
    const from = Math.max(0, lag);
    const to = Math.min(n, n + lag);
    for (let i = from; i < to; i++) sum += s[i] * t[i - lag];
    ccf[lag + maxLag] = sum / norm;
  }
  let best = 1;
  for (let k = 1; k < ccf.length - 1; k++) if (ccf[k] > ccf[best]) best = k;
  const c0 = ccf[best - 1];
  const c1 = ccf[best];
  const c2 = ccf[best + 1];
  const curvature = c0 - 2 * c1 + c2;
  const offset = curvature < 0 ? (0.5 * (c0 - c2)) / curvature : 0;
  const lag = best - maxLag + offset;
  const velocity = (x: number) => C_KMS * (10 ** (x * stepDex) - 1);
  const rvKms = velocity(lag);
  // Tonry & Davis: σ_a is the RMS of the antisymmetric part of the CCF about the peak; w the peak's FWHM.
  let antisymmetric = 0;
  let count = 0;
  for (let k = 1; best - k >= 0 && best + k < ccf.length; k++) {
    antisymmetric += (ccf[best + k] - ccf[best - k]) ** 2 / 2;
    count++;
  }
  const sigmaA = Math.sqrt(antisymmetric / Math.max(1, count));
  const r = sigmaA > 0 ? c1 / (Math.SQRT2 * sigmaA) : Number.POSITIVE_INFINITY;
  let left = best;
  while (left > 0 && ccf[left] > c1 / 2) left--;
  let right = best;
  while (right < ccf.length - 1 && ccf[right] > c1 / 2) right++;
  const widthKms = velocity(right - left);
  const rvErrKms = (3 / 8) * (widthKms / (1 + r));
  return { rvKms, rvErrKms, r, peak: c1 };
}

function depthSpectrum(
  spectrum: SpectrumInput,
  options: ContinuumOptions | undefined,
  maskBits: number | undefined,
): Float64Array {
  const fit = fitContinuum(spectrum, { maskBits, ...options });
  const good = goodPixels(spectrum, maskBits);
  return Float64Array.from(fit.normalized, (v, i) =>
    good[i] && Number.isFinite(v) ? Math.max(-1, Math.min(2, 1 - v)) : 0,
  );
}

function resample(wavelength: ArrayLike<number>, values: Float64Array, grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length);
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    const lambda = 10 ** grid[i];
    while (j < wavelength.length - 2 && wavelength[j + 1] < lambda) j++;
    if (lambda < wavelength[0] || lambda > wavelength[wavelength.length - 1]) continue;
    const t = (lambda - wavelength[j]) / (wavelength[j + 1] - wavelength[j]);
    out[i] = values[j] + (values[j + 1] - values[j]) * Math.max(0, Math.min(1, t));
  }
  return out;
}

function syntheticTemplate(
  grid: Float64Array,
  lines: readonly LineListEntry[],
  resolvingPower: number,
  air: boolean,
): Float64Array {
  const out = new Float64Array(grid.length);
  const step = grid[1] - grid[0];
  const sigmaDex = 1 / (resolvingPower * 2.3548 * Math.LN10);
  for (const line of lines) {
    const center = Math.log10(air ? line.lambda_air_A : line.lambda_rest_A);
    const k0 = Math.round((center - grid[0]) / step);
    const reach = Math.ceil((4 * sigmaDex) / step);
    for (let k = Math.max(0, k0 - reach); k <= Math.min(grid.length - 1, k0 + reach); k++) {
      out[k] += Math.exp(-0.5 * ((grid[k] - center) / sigmaDex) ** 2);
    }
  }
  return out;
}

function taperAndCenter(values: Float64Array): void {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n || 1;
  const edge = Math.floor(n * 0.05);
  for (let i = 0; i < n; i++) {
    const w =
      i < edge
        ? 0.5 * (1 - Math.cos((Math.PI * i) / edge))
        : i >= n - edge
          ? 0.5 * (1 - Math.cos((Math.PI * (n - 1 - i)) / edge))
          : 1;
    values[i] = (values[i] - mean) * w;
  }
}
