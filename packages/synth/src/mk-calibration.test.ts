import { ccm89, MK_CLASSES, subtypeIndex, subtypeName } from '@spectra/core';
import { describe, expect, it } from 'vitest';
import { hasGiant, loggFor, SUBTYPES, teffFor } from './mk-calibration.js';

describe('MK calibration table', () => {
  it('Teff falls monotonically from O5 to M9 for dwarfs, through the Sun at G2', () => {
    const all = MK_CLASSES.flatMap((c) => SUBTYPES[c]);
    for (let k = 1; k < all.length; k++) expect(teffFor(all[k]), all[k]).toBeLessThan(teffFor(all[k - 1]));
    expect(teffFor('G2')).toBe(5770);
    expect(teffFor('A0')).toBe(9700);
    expect(teffFor('M5')).toBe(3060);
  });

  it('giants are cooler than dwarfs of the same late subtype and have low gravity', () => {
    expect(hasGiant('K2')).toBe(true);
    expect(hasGiant('A0')).toBe(false);
    expect(teffFor('K2', 'III')).toBeLessThan(teffFor('K2', 'V'));
    expect(loggFor('K2', 'III')).toBeLessThan(3);
    expect(loggFor('K2', 'V')).toBeGreaterThan(4.3);
  });

  it('subtype names and indices round-trip', () => {
    for (const c of MK_CLASSES) for (const s of SUBTYPES[c]) expect(subtypeName(subtypeIndex(s))).toBe(s);
    expect(() => subtypeIndex('X3')).toThrow(RangeError);
  });
});

describe('CCM89 extinction', () => {
  it('is 1 at V (5500 Å) and A_B/A_V = 1 + 1/R_V at B (4400 Å) to 2%', () => {
    expect(ccm89(5495)).toBeCloseTo(1, 2);
    expect(Math.abs(ccm89(4405) - (1 + 1 / 3.1))).toBeLessThan(0.02 * 1.32);
  });

  it('falls towards the infrared and follows the power law there', () => {
    expect(ccm89(9000)).toBeLessThan(ccm89(6000));
    expect(ccm89(12500)).toBeCloseTo(0.574 * 0.8 ** 1.61 - (0.527 * 0.8 ** 1.61) / 3.1, 6);
  });
});
