import { SPEED_OF_LIGHT_KMS as C_KMS, redden, SPEED_OF_LIGHT_KMS } from '@spectra/core';
import { type FeatureOptions, featureLines } from './feature-model.js';
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
const C = SPEED_OF_LIGHT_KMS * 1000;
const K_B = 1.380649e-23;
/** Lorentzian wings are drawn out to this many FWHM on each side (99% of their area). */
const LORENTZ_REACH = 30;

/**
 * The noiseless spectrum of a star in 1e-17 erg/s/cm²/Å at vacuum wavelengths: a Planck continuum at Teff (with a
 * Balmer jump for hot stars) times exp(−τ), τ the calibrated line and band opacity (featureLines) drawn at the
 * resolving power and broadened by rotation; the radial-velocity shift; reddening by CCM89 (R_V = 3.1); scaled to
 * the r magnitude at 6200 Å. `options.withoutTemplate` is for leave-one-out validation of the calibration.
 */
export function modelSpectrum(
  star: StarParameters,
  wavelength: Float64Array,
  resolvingPower: number,
  options: FeatureOptions = {},
): Float64Array {
  const n = wavelength.length;
  const flux = new Float64Array(n);
  const shift = 1 + star.rvKms / C_KMS;
  const jump = balmerJump(star.teffK);
  for (let i = 0; i < n; i++) {
    const rest = wavelength[i] / shift;
    flux[i] = planck(rest, star.teffK) * (rest < 3646 ? 1 - jump : 1);
  }
  const tau = new Float64Array(n);
  for (const feature of featureLines(star.subtype, star.luminosity, star.fehDex, options)) {
    const center = feature.centerAngstrom * shift;
    if (feature.profile === 'band') addBand(wavelength, tau, center, feature.strength, feature.widthAngstrom);
    else if (feature.profile === 'lorentzian')
      addLorentzian(wavelength, tau, center, feature.strength, feature.widthAngstrom);
    else {
      const instrumental = center / (resolvingPower * 2.3548);
      const rotational = (1.6 * star.vsiniKms * center) / C_KMS / 2.3548;
      const sigma = Math.hypot(instrumental, rotational, feature.widthAngstrom);
      addGaussian(wavelength, tau, center, feature.strength, sigma);
    }
  }
  const norm = planck(6200, star.teffK);
  const scale = r6200(star.rMag) / norm;
  for (let i = 0; i < n; i++) flux[i] *= Math.exp(-tau[i]) * scale;
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

/** Adds a unit-area Gaussian of σ `sigma` times `area` to the optical depth. */
function addGaussian(
  wavelength: Float64Array,
  tau: Float64Array,
  center: number,
  area: number,
  sigma: number,
): void {
  const from = lowerBound(wavelength, center - 6 * sigma);
  const to = lowerBound(wavelength, center + 6 * sigma);
  const peak = area / (sigma * Math.sqrt(2 * Math.PI));
  for (let i = from; i < to; i++) tau[i] += peak * Math.exp(-0.5 * ((wavelength[i] - center) / sigma) ** 2);
}

/** Adds a unit-area Lorentzian of full width `fwhm` times `area` to the optical depth. */
function addLorentzian(
  wavelength: Float64Array,
  tau: Float64Array,
  center: number,
  area: number,
  fwhm: number,
): void {
  const half = fwhm / 2;
  const from = lowerBound(wavelength, center - LORENTZ_REACH * fwhm);
  const to = lowerBound(wavelength, center + LORENTZ_REACH * fwhm);
  for (let i = from; i < to; i++) {
    const x = wavelength[i] - center;
    tau[i] += (area * half) / Math.PI / (x * x + half * half);
  }
}

/** Adds a molecular band degraded to the red: a 3 Å onset at the head, then exp(−x/length), unit area times `area`. */
function addBand(
  wavelength: Float64Array,
  tau: Float64Array,
  head: number,
  area: number,
  length: number,
): void {
  const from = lowerBound(wavelength, head - 3);
  const to = lowerBound(wavelength, head + 8 * length);
  for (let i = from; i < to; i++) {
    const x = wavelength[i] - head;
    const onset = x < 0 ? 1 + x / 3 : 1;
    tau[i] += (area * onset * Math.exp(-Math.max(0, x) / length)) / length;
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
