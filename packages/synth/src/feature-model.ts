import { subtypeIndex } from '@spectra/core';
import type { LuminosityClass } from './mk-calibration.js';
import { OPACITY_AMPLITUDES_MA, OPACITY_COMPONENTS, OPACITY_SUBTYPES } from './opacity-calibration.js';
import { piecewiseLinear } from './piecewise-linear.js';

/** One absorption component of a star's line opacity. */
export interface FeatureLine {
  name: string;
  /** Rest vacuum wavelength, Å (the band head for bands). */
  centerAngstrom: number;
  /** Optical-depth area, Å: the equivalent width the component would have if it were weak. */
  strength: number;
  profile: 'gaussian' | 'lorentzian' | 'band';
  /**
   * Gaussian: σ (Å) added in quadrature to the instrument's and rotation's (blends of unresolved lines);
   * Lorentzian: FWHM (Å) of Stark wings; band: e-folding length (Å) of the band redwards of its head.
   */
  widthAngstrom: number;
}

/** Options of featureLines. */
export interface FeatureOptions {
  /**
   * Calibrate without this template subtype (leave-one-out validation): the star's opacity is then interpolated
   * from the neighbouring templates only.
   */
  withoutTemplate?: string;
}

/**
 * Physics the templates cannot resolve, as MK classification states it: He II only in O stars, He I down to the
 * earliest A stars, molecular bands from late K on, broad hydrogen Stark wings only in O–F stars. Whether a
 * component of an opacity group may appear at a subtype index; the calibration script fits with the same rule.
 */
export function opacityAllowed(group: string, index: number): boolean {
  if (group === 'HeII') return index < 10;
  if (group === 'HeI') return index <= 21;
  if (group === 'band') return index >= 57;
  if (group === 'Hwing') return index < 35;
  return true;
}

/** Gravity sensitivity of giants (III) relative to dwarfs: Na I, Ca I and CaH weaker, the Ca II triplet stronger. */
function giantScale(name: string): number {
  if (name.startsWith('Na D')) return 0.6;
  if (name === 'Ca I 4227') return 0.7;
  if (name.startsWith('CaH')) return 0.3;
  if (name.startsWith('Ca II 8')) return 1.25;
  return 1;
}

const calibrations = new Map<string, Array<Array<[number, number]>>>();
const strengthCache = new Map<string, Float64Array>();

/**
 * Each component's strength against subtype index: the fitted amplitudes smoothed by a running median over three
 * neighbouring templates, interpolated linearly between them.
 */
function calibration(withoutTemplate: string): Array<Array<[number, number]>> {
  const cached = calibrations.get(withoutTemplate);
  if (cached) return cached;
  const rows = OPACITY_SUBTYPES.map((subtype, k) => ({
    index: subtypeIndex(subtype),
    values: OPACITY_AMPLITUDES_MA[k],
  }))
    .filter((_, k) => OPACITY_SUBTYPES[k] !== withoutTemplate)
    .sort((a, b) => a.index - b.index);
  const out = OPACITY_COMPONENTS.map((_, j) =>
    rows.map(({ index }, k): [number, number] => {
      const window = rows.slice(Math.max(0, k - 1), k + 2).map((r) => r.values[j] / 1000);
      window.sort((a, b) => a - b);
      const median = window.length === 3 ? window[1] : (window[0] + window[window.length - 1]) / 2;
      return [index, median];
    }),
  );
  calibrations.set(withoutTemplate, out);
  return out;
}

/**
 * The calibrated strength (Å) of every component at a subtype index, MK constraints applied, before metallicity
 * and gravity; cached, since a survey draws the same few dozen subtypes thousands of times.
 */
function strengthsAt(index: number, withoutTemplate = ''): Float64Array {
  const key = `${withoutTemplate}:${index}`;
  const cached = strengthCache.get(key);
  if (cached) return cached;
  const table = calibration(withoutTemplate);
  const out = Float64Array.from(OPACITY_COMPONENTS, ([, , , , group], j) =>
    opacityAllowed(group, index) ? Math.max(0, piecewiseLinear(table[j], index)) : 0,
  );
  strengthCache.set(key, out);
  return out;
}

/**
 * The absorption components of a star: lines with strengths from the empirical opacity calibration on the
 * PyHammer templates (scripts/calibrate-opacity.mjs), under MK constraints; metal lines scale as 10^(0.5 [Fe/H]),
 * giants have the gravity-sensitive lines changed.
 */
export function featureLines(
  subtype: string,
  luminosity: LuminosityClass,
  fehDex: number,
  options: FeatureOptions = {},
): FeatureLine[] {
  const strengths = strengthsAt(subtypeIndex(subtype), options.withoutTemplate);
  const metals = 10 ** (0.5 * fehDex);
  const out: FeatureLine[] = [];
  OPACITY_COMPONENTS.forEach(([name, centerAngstrom, profile, widthAngstrom, group], j) => {
    let strength = strengths[j];
    if (!(strength > 0)) return;
    if (group === 'metal') strength *= metals;
    if (luminosity === 'III') strength *= giantScale(name);
    out.push({ name, centerAngstrom, strength, profile, widthAngstrom });
  });
  return out;
}
