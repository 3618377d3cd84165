import { SDSS_BAD_PIXEL_BITS } from '@spectra/fits';
import { injectedLineSpectrum, scoreDetections } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { DETECTED_LINE_COLUMNS, findLines } from './find-lines.js';

function trial(snr: number, seeds = 8) {
  let truePositives = 0;
  let truth = 0;
  let detected = 0;
  const errors: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const spectrum = injectedLineSpectrum(seed, snr);
    const lines = findLines(spectrum);
    const score = scoreDetections(spectrum.lines, lines);
    truePositives += score.truePositives;
    truth += spectrum.lines.length;
    detected += lines.length;
    errors.push(...score.centerErrorsPixels);
  }
  errors.sort((a, b) => a - b);
  return {
    recall: truePositives / truth,
    precision: truePositives / detected,
    medianError: errors[errors.length >> 1],
  };
}

describe('findLines on seeded spectra with injected Gaussian and Voigt lines', () => {
  it('at S/N 20: recall ≥ 0.95, precision ≥ 0.95, median centre error ≤ 0.3 pixel', () => {
    const { recall, precision, medianError } = trial(20);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(medianError).toBeLessThanOrEqual(0.3);
  });

  it('recall grows with S/N and centres sharpen', () => {
    const low = trial(10, 4);
    const high = trial(100, 4);
    expect(high.recall).toBeGreaterThan(low.recall);
    expect(high.medianError).toBeLessThan(low.medianError);
  });

  it('measures depth, FWHM and equivalent width of a known Gaussian line', () => {
    const spectrum = injectedLineSpectrum(3, 200, 1);
    const [truth] = spectrum.lines;
    const [line] = findLines(spectrum).filter((l) => Math.abs(l.centerPixel - truth.centerPixel) < 2);
    const pixel =
      spectrum.wavelength[Math.round(truth.centerPixel) + 1] -
      spectrum.wavelength[Math.round(truth.centerPixel)];
    expect(line.type).toBe(truth.type);
    expect(line.depth).toBeGreaterThan(truth.depth * (truth.profile === 'voigt' ? 0.8 : 0.85));
    expect(line.fwhmAngstrom / pixel).toBeGreaterThan(truth.fwhmPixels * 0.8);
    expect(line.fwhmAngstrom / pixel).toBeLessThan(truth.fwhmPixels * 1.4);
    const ew = truth.depth * truth.fwhmPixels * pixel * 1.0645 * (truth.type === 'absorption' ? 1 : -1);
    if (truth.profile === 'gaussian')
      expect(Math.abs(line.ewAngstrom - ew)).toBeLessThan(0.15 * Math.abs(ew) + 3 * line.ewErrAngstrom);
    expect(line.ewErrAngstrom).toBeGreaterThan(0);
  });

  it('never reports a line from masked pixels', () => {
    const spectrum = injectedLineSpectrum(5, 50);
    const target = spectrum.lines[0];
    const ivar = Float32Array.from(spectrum.ivar);
    for (let i = Math.floor(target.centerPixel) - 6; i <= Math.ceil(target.centerPixel) + 6; i++) ivar[i] = 0;
    const masked = findLines({ ...spectrum, ivar });
    expect(masked.some((l) => Math.abs(l.centerPixel - target.centerPixel) < 8)).toBe(false);
    const andMask = new Uint32Array(spectrum.flux.length);
    for (let i = Math.floor(target.centerPixel) - 6; i <= Math.ceil(target.centerPixel) + 6; i++)
      andMask[i] = 1 << 18;
    const flagged = findLines({ ...spectrum, andMask }, { maskBits: SDSS_BAD_PIXEL_BITS });
    expect(flagged.some((l) => Math.abs(l.centerPixel - target.centerPixel) < 8)).toBe(false);
  });

  it('works without uncertainties by estimating the noise', () => {
    const spectrum = injectedLineSpectrum(7, 50);
    const lines = findLines({ wavelength: spectrum.wavelength, flux: spectrum.flux, uncertainty: 'none' });
    const score = scoreDetections(spectrum.lines, lines);
    expect(score.recall).toBeGreaterThan(0.9);
    expect(score.precision).toBeGreaterThan(0.9);
  });

  it('returns the fixed schema for every row', () => {
    const [row] = findLines(injectedLineSpectrum(1, 50));
    expect(Object.keys(row).sort()).toEqual([...DETECTED_LINE_COLUMNS].sort());
  });
});
