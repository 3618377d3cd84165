import { describe, expect, it } from 'vitest';
import { featureLines } from './feature-model.js';
import { typicalStar } from './mk-calibration.js';
import { modelSpectrum } from './spectrum-model.js';

const GRID = Float64Array.from({ length: 4600 }, (_, i) => 10 ** (3.5523 + 1e-4 * i));

const star = typicalStar;

const names = (subtype: string) => new Set(featureLines(subtype, 'V', 0).map((f) => f.name));
/** Total optical-depth area (Å) of the named feature's components. */
const strength = (subtype: string, name: string, luminosity: 'V' | 'III' = 'V', feh = 0) =>
  featureLines(subtype, luminosity, feh)
    .filter((f) => f.name === name)
    .reduce((sum, f) => sum + f.strength, 0);

describe('which features a star shows follows MK classification', () => {
  it('He II only in O stars, He I in O, B and the earliest A stars', () => {
    expect(names('O7').has('He II 4686')).toBe(true);
    expect(names('B0').has('He II 4686')).toBe(false);
    expect(names('B2').has('He I 4471')).toBe(true);
    expect(names('F5').has('He I 4471')).toBe(false);
  });

  it('molecular bands only from late K on, and TiO deepening through M', () => {
    expect(names('G2').has('TiO 7054')).toBe(false);
    expect(names('M3').has('TiO 7054')).toBe(true);
    expect(strength('M6', 'TiO 7054')).toBeGreaterThan(strength('M2', 'TiO 7054'));
  });

  it('Balmer lines peak near A and Ca II K grows through F–G–K (calibrated on the PyHammer templates)', () => {
    const hbeta = (s: string) => strength(s, 'Hβ');
    const caK = (s: string) => strength(s, 'Ca II K');
    expect(hbeta('A2')).toBeGreaterThan(hbeta('O7'));
    expect(hbeta('A2')).toBeGreaterThan(hbeta('G2'));
    expect(caK('K0')).toBeGreaterThan(caK('F2'));
    expect(caK('F2')).toBeGreaterThan(caK('A0'));
  });

  it('metal-poor stars have weaker metal lines, giants weaker Na D', () => {
    expect(strength('K0', 'Mg b1')).toBeGreaterThan(0);
    expect(strength('K0', 'Mg b1', 'V', -1)).toBeCloseTo(strength('K0', 'Mg b1') * 10 ** -0.5, 6);
    expect(strength('K3', 'Na D2', 'III')).toBeLessThan(strength('K3', 'Na D2'));
  });
});

describe('modelSpectrum', () => {
  it('has the Planck slope of its temperature: hot stars blue, cool stars red', () => {
    const ratio = (s: string) => {
      const f = modelSpectrum(star(s), GRID, 2000);
      return f[300] / f[4300];
    };
    expect(ratio('B2')).toBeGreaterThan(1);
    expect(ratio('M2')).toBeLessThan(0.3);
  });

  it('puts a deep Hβ at the Doppler-shifted vacuum wavelength', () => {
    const rv = 120;
    const flux = modelSpectrum(star('A1', { rvKms: rv }), GRID, 2000);
    let minimum = Number.POSITIVE_INFINITY;
    let at = 0;
    for (let i = 0; i < GRID.length; i++) {
      if (GRID[i] > 4850 && GRID[i] < 4880 && flux[i] < minimum) [minimum, at] = [flux[i], GRID[i]];
    }
    expect(Math.abs(at - 4862.68 * (1 + rv / 299792.458))).toBeLessThan(1.2);
    const side = flux[GRID.findIndex((w) => w > 4760)];
    expect(minimum / side).toBeLessThan(0.75);
  });

  it('reddening dims the blue more than the red', () => {
    const clear = modelSpectrum(star('F5'), GRID, 2000);
    const red = modelSpectrum(star('F5', { ebv: 0.3 }), GRID, 2000);
    expect(red[300] / clear[300]).toBeLessThan(red[4300] / clear[4300]);
  });

  it('scales to the r magnitude: 1 mag fainter is 2.512× less flux', () => {
    const bright = modelSpectrum(star('G2', { rMag: 16 }), GRID, 2000);
    const faint = modelSpectrum(star('G2', { rMag: 17 }), GRID, 2000);
    expect(bright[2000] / faint[2000]).toBeCloseTo(10 ** 0.4, 6);
  });
});
