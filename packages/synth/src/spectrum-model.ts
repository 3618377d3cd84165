import { C_KMS } from '@spectra/lines';
import { redden } from './extinction.js';
import { featureLines } from './feature-model.js';
import type { LuminosityClass } from './mk-calibration.js';

/** The physical parameters of one synthetic star. */
export interface StarParameters {
  subtype: string;
  luminosity: LuminosityClass;
  teffK: number;
  loggCgs: number;
  fehDex: number;
  rvKms: number;
  vsiniKms: number;
  ebv: number;
  /** SDSS r magnitude setting the flux scale. */
  rMag: number;
}

const H = 6.62607015e-34;
const C = 299792458;
const K_B = 1.380649e-23;
/** Largest line depth; stronger lines grow Lorentzian wings instead (a curve of growth in miniature). */
const MAX_DEPTH = 0.9;
const VOIGT_ETA = 0.5;
/** Hydrogen lines in hot atmospheres: Stark-broadened, cores no deeper than this, wings mostly Lorentzian. */
const STARK_DEPTH = 0.6;
const STARK_ETA = 0.8;

/**
 * The noiseless spectrum of a star in 1e-17 erg/s/cm²/Å at vacuum wavelengths: a Planck continuum at Teff (with a
 * Balmer jump for hot stars), calibrated lines broadened to the resolving power and by rotation, molecular bands,
 * the radial-velocity shift, and reddening by CCM89 (R_V = 3.1); scaled to the r magnitude at 6200 Å.
 */
export function modelSpectrum(
  star: StarParameters,
  wavelength: Float64Array,
  resolvingPower: number,
): Float64Array {
  const n = wavelength.length;
  const flux = new Float64Array(n);
  const shift = 1 + star.rvKms / C_KMS;
  const jump = balmerJump(star.teffK);
  for (let i = 0; i < n; i++) {
    const rest = wavelength[i] / shift;
    flux[i] = planck(rest, star.teffK) * (rest < 3646 ? 1 - jump : 1);
  }
  const transmission = new Float64Array(n).fill(1);
  for (const feature of featureLines(star.subtype, star.luminosity, star.fehDex)) {
    const center = feature.centerAngstrom * shift;
    if (feature.kind === 'band') {
      applyBand(wavelength, transmission, center, feature.strength);
      continue;
    }
    const instrumental = center / (resolvingPower * 2.3548);
    const rotational = (1.6 * star.vsiniKms * center) / C_KMS / 2.3548;
    const minimumSigma = feature.kind === 'broad' ? 15 / 2.3548 : Math.hypot(instrumental, rotational);
    applyLine(
      wavelength,
      transmission,
      center,
      feature.strength,
      minimumSigma,
      feature.stark ? STARK_DEPTH : MAX_DEPTH,
      feature.stark ? STARK_ETA : VOIGT_ETA,
    );
  }
  const norm = planck(6200, star.teffK);
  const scale = r6200(star.rMag) / norm;
  for (let i = 0; i < n; i++) flux[i] *= transmission[i] * scale;
  redden(wavelength, flux, star.ebv);
  return flux;
}

/** f_λ at 6200 Å in 1e-17 erg/s/cm²/Å for an AB magnitude. */
function r6200(mag: number): number {
  return (3631e-23 * 10 ** (-0.4 * mag) * 2.998e18) / 6200 ** 2 / 1e-17;
}

function planck(lambdaAngstrom: number, teffK: number): number {
  const lambda = lambdaAngstrom * 1e-10;
  return 1 / (lambda ** 5 * Math.expm1((H * C) / (lambda * K_B * teffK)));
}

/** Fractional drop of the continuum blueward of 3646 Å: strongest near A0, none below 6000 K. */
function balmerJump(teffK: number): number {
  if (teffK < 6000) return 0;
  const peak = 0.45 * Math.exp(-0.5 * ((Math.log10(teffK) - Math.log10(9800)) / 0.12) ** 2);
  return Math.min(0.5, peak);
}

/** A line of equivalent width `ew` Å: Gaussian while its depth stays under `maxDepth`, pseudo-Voigt beyond. */
function applyLine(
  wavelength: Float64Array,
  transmission: Float64Array,
  center: number,
  ew: number,
  sigma: number,
  maxDepth: number,
  wingEta: number,
): void {
  const gaussianDepth = ew / (sigma * Math.sqrt(2 * Math.PI));
  let depth = gaussianDepth;
  let fwhm = sigma * 2.3548;
  let eta = 0;
  if (gaussianDepth > maxDepth) {
    depth = maxDepth;
    eta = wingEta;
    fwhm = ew / (maxDepth * (eta * (Math.PI / 2) + (1 - eta) * 1.0645));
  }
  const reach = eta > 0 ? 40 * fwhm : 5 * fwhm;
  const from = lowerBound(wavelength, center - reach);
  const to = lowerBound(wavelength, center + reach);
  const s = fwhm / 2.3548;
  for (let i = from; i < to; i++) {
    const x = wavelength[i] - center;
    const gauss = Math.exp(-0.5 * (x / s) ** 2);
    const lorentz = eta > 0 ? 1 / (1 + ((2 * x) / fwhm) ** 2) : 0;
    transmission[i] *= 1 - depth * (eta * lorentz + (1 - eta) * gauss);
  }
}

/** A molecular band degraded to the red: depth D just after the head, recovering over ~150 Å. */
function applyBand(wavelength: Float64Array, transmission: Float64Array, head: number, depth: number): void {
  // The calibration measures the mean depth 5–45 Å past the head, where exp(−x/150) averages 0.85.
  const peak = Math.min(0.97, depth / 0.85);
  const from = lowerBound(wavelength, head - 3);
  const to = lowerBound(wavelength, head + 600);
  for (let i = from; i < to; i++) {
    const x = wavelength[i] - head;
    const onset = x < 0 ? Math.max(0, 1 + x / 3) : 1;
    transmission[i] *= 1 - peak * onset * Math.exp(-Math.max(0, x) / 150);
  }
}

function lowerBound(values: Float64Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
