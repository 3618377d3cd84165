import { describe, expect, it } from 'vitest';
import {
  classOfLabel,
  classOfSubtype,
  orderClasses,
  parseSpectralType,
  subtypeIndex,
  subtypeName,
} from './mk-classes.js';

describe('MK classes', () => {
  it('parseSpectralType reads letter, subtype on the O0…M9 scale and luminosity class', () => {
    expect(parseSpectralType('G2V')).toEqual({ letter: 'G', subtype: 42, luminosity: 'V' });
    expect(parseSpectralType('B9.5III')).toEqual({ letter: 'B', subtype: 19.5, luminosity: 'III' });
    expect(parseSpectralType('K')).toEqual({ letter: 'K', subtype: null, luminosity: null });
    expect(parseSpectralType('MIII')).toEqual({ letter: 'M', subtype: null, luminosity: 'III' });
    expect(parseSpectralType('G1V (95128)')?.subtype).toBe(41);
    expect(parseSpectralType('G8/K0')?.subtype).toBe(48);
    expect(parseSpectralType('g2v')?.letter).toBe('G');
    // Qualified types as the stellar libraries write them (MILES, Indo-US).
    for (const [label, letter] of [
      ['sdF3', 'F'],
      ['sd:F0', 'F'],
      ['wG8III', 'G'],
      ['rK2III', 'K'],
      ['Am', 'A'],
      ['Ap', 'A'],
      ['A0p...', 'A'],
      ['KIIvw', 'K'],
      ['B8IIIpHgMn', 'B'],
      ['K5III+A', 'K'],
      ['F5/6V', 'F'],
      ['O9.7Iab', 'O'],
      ['G8Vvar', 'G'],
      ['G3Ib-IICNe', 'G'],
      ['M2S?', 'M'],
      ['Avar', 'A'],
    ])
      expect(parseSpectralType(label)?.letter, label).toBe(letter);
  });

  it('names that are not MK types are not parsed', () => {
    for (const name of ['GALAXY', 'QSO', 'WD', 'AGN', 'Blue', '', 'CV', 'STAR', 'MS', 'OB'])
      expect(parseSpectralType(name)).toBeNull();
  });

  it('classOfLabel maps an MK type to its letter and keeps any other class whole', () => {
    expect(classOfLabel('G2V')).toBe('G');
    expect(classOfLabel('K')).toBe('K');
    expect(classOfLabel('GALAXY')).toBe('GALAXY');
    expect(classOfLabel(' QSO ')).toBe('QSO');
    expect(classOfLabel('')).toBeNull();
    expect(classOfLabel(null)).toBeNull();
  });

  it('orderClasses puts MK letters in temperature order, then the rest alphabetically', () => {
    expect(orderClasses(['QSO', 'K', 'GALAXY', 'A', 'K'])).toEqual(['A', 'K', 'GALAXY', 'QSO']);
  });

  it('subtypeIndex and subtypeName are inverse on the scale', () => {
    expect(subtypeIndex('O5')).toBe(5);
    expect(subtypeIndex('M9')).toBe(69);
    expect(subtypeName(42)).toBe('G2');
    expect(subtypeName(19.5)).toBe('B9.5');
    expect(() => subtypeIndex('X1')).toThrow(RangeError);
  });

  it('classOfSubtype gives the letter an estimate falls in, clamped to O…M', () => {
    expect(classOfSubtype(48)).toBe('G');
    expect(classOfSubtype(49.99)).toBe('G');
    expect(classOfSubtype(50)).toBe('K');
    expect(classOfSubtype(-3)).toBe('O');
    expect(classOfSubtype(75)).toBe('M');
  });
});
