import { readSpectrum } from '@spectra/fits';
import { fixturePath, hasSharedFixtures, injectedLineSpectrum } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { fitContinuum } from './fit-continuum.js';
import { smooth } from './smooth.js';

function medianIn(
  wavelength: ArrayLike<number>,
  values: ArrayLike<number>,
  from: number,
  to: number,
): number {
  const selected: number[] = [];
  for (let i = 0; i < values.length; i++)
    if (wavelength[i] >= from && wavelength[i] <= to && Number.isFinite(values[i])) selected.push(values[i]);
  selected.sort((a, b) => a - b);
  return selected[selected.length >> 1];
}

describe('fitContinuum', () => {
  it('recovers a smooth continuum under absorption and emission lines to 1%', () => {
    const spectrum = injectedLineSpectrum(11, 100);
    const fit = fitContinuum(spectrum);
    const truth = (l: number) => 100 * (1 + 0.3 * Math.sin(l / 900)) * (5000 / l) ** 0.5;
    const errors = Array.from(spectrum.wavelength, (l, i) => Math.abs(fit.continuum[i] / truth(l) - 1)).sort(
      (a, b) => a - b,
    );
    expect(errors[errors.length >> 1]).toBeLessThan(0.01);
    expect(fit.used.reduce((a, b) => a + b, 0)).toBeLessThan(spectrum.flux.length);
  });

  it('leaves masked pixels out of the fit and NaN in the normalised flux', () => {
    const spectrum = injectedLineSpectrum(12, 50);
    const ivar = Float32Array.from(spectrum.ivar);
    const flux = Float32Array.from(spectrum.flux);
    for (let i = 1000; i < 1100; i++) {
      ivar[i] = 0;
      flux[i] = 1e6;
    }
    const fit = fitContinuum({ ...spectrum, flux, ivar });
    expect(fit.normalized[1050]).toBeNaN();
    expect(fit.used[1050]).toBe(0);
    expect(fit.continuum[1050]).toBeLessThan(200);
  });

  it.skipIf(!hasSharedFixtures)(
    'hot star (PyHammer A0): broad Balmer wings stay in the lines, not the continuum',
    async () => {
      const a0 = await readSpectrum(fixturePath('templates/pyhammer/A0.fits'));
      const fit = fitContinuum(a0);
      expect(Math.abs(medianIn(a0.wavelength, fit.normalized, 5550, 5650) - 1)).toBeLessThan(0.02);
      expect(Math.abs(medianIn(a0.wavelength, fit.normalized, 7300, 7500) - 1)).toBeLessThan(0.02);
      // Hδ and Hγ cores are deep, and 30 Å out in the wings the flux is still clearly below the continuum.
      expect(medianIn(a0.wavelength, fit.normalized, 4101, 4104)).toBeLessThan(0.7);
      expect(medianIn(a0.wavelength, fit.normalized, 4340, 4343)).toBeLessThan(0.7);
      expect(medianIn(a0.wavelength, fit.normalized, 4365, 4375)).toBeLessThan(0.97);
    },
  );

  it.skipIf(!hasSharedFixtures)(
    'M dwarf (PyHammer M5): the upper envelope rides over the TiO bands',
    async () => {
      const m5 = await readSpectrum(fixturePath('templates/pyhammer/M5_+0.0_Dwarf.fits'));
      const fit = fitContinuum(m5, { method: 'upper-envelope' });
      // Redwards of 6000 Å, where an M5 dwarf has signal, almost nothing pokes above the envelope.
      const values = Array.from(fit.normalized).filter(
        (v, i) => m5.wavelength[i] > 6000 && Number.isFinite(v),
      );
      values.sort((a, b) => a - b);
      expect(values[Math.floor(values.length * 0.95)]).toBeLessThan(1.08);
      // TiO 7054 band: deep relative to the envelope, as an astronomer measures it.
      expect(medianIn(m5.wavelength, fit.normalized, 7060, 7100)).toBeLessThan(0.7);
      expect(fit.method).toBe('upper-envelope');
    },
  );
});

describe('smooth (Savitzky–Golay via ml-savitzky-golay)', () => {
  it('smooths by default (derivative 0), keeping a quadratic exactly', () => {
    const quadratic = Array.from({ length: 50 }, (_, i) => 0.5 * i * i - 3 * i + 2);
    const out = smooth(quadratic, { windowSize: 7, polynomial: 2 });
    for (let i = 5; i < 45; i++) expect(out[i]).toBeCloseTo(quadratic[i], 8);
  });

  it('gives derivatives when asked', () => {
    const line = Array.from({ length: 30 }, (_, i) => 2 * i + 1);
    const slope = smooth(line, { derivative: 1 });
    for (let i = 5; i < 25; i++) expect(slope[i]).toBeCloseTo(2, 8);
  });

  it('reduces white noise and returns NaN at masked pixels, bridging them for their neighbours', () => {
    const noisy = injectedLineSpectrum(2, 10, 0);
    const good = new Uint8Array(noisy.flux.length).fill(1);
    good[500] = 0;
    const out = smooth(noisy.flux, { windowSize: 11, good });
    expect(out[500]).toBeNaN();
    expect(Number.isFinite(out[501])).toBe(true);
    const diff = (a: ArrayLike<number>) => {
      let sum = 0;
      for (let i = 1000; i < 2000; i++) sum += (a[i] - a[i - 1]) ** 2;
      return sum;
    };
    expect(diff(out)).toBeLessThan(diff(noisy.flux) / 10);
  });
});
