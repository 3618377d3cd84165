import { MK_CLASSES, type MkClass, subtypeIndex } from '@spectra/core';
import { piecewiseLinear } from './piecewise-linear.js';
import type { StarParameters } from './spectrum-model.js';

export type LuminosityClass = 'V' | 'III';

/**
 * Dwarf (V) effective temperatures by subtype, after Pecaut & Mamajek (2013, ApJS 208, 9; the 2022 online
 * table), rounded; the subtypes SDSS and PyHammer use. Subtype index = 10 × class position + subtype.
 */
const DWARF_TEFF: Array<[string, number]> = [
  ['O5', 41400],
  ['O6', 38800],
  ['O7', 36500],
  ['O8', 34500],
  ['O9', 31900],
  ['B0', 31400],
  ['B1', 26000],
  ['B2', 20600],
  ['B3', 17000],
  ['B4', 16400],
  ['B5', 15700],
  ['B6', 14500],
  ['B7', 14000],
  ['B8', 12300],
  ['B9', 10700],
  ['A0', 9700],
  ['A1', 9300],
  ['A2', 8800],
  ['A3', 8600],
  ['A4', 8250],
  ['A5', 8100],
  ['A6', 7910],
  ['A7', 7650],
  ['A8', 7400],
  ['A9', 7350],
  ['F0', 7220],
  ['F1', 7020],
  ['F2', 6820],
  ['F3', 6750],
  ['F4', 6670],
  ['F5', 6550],
  ['F6', 6350],
  ['F7', 6280],
  ['F8', 6180],
  ['F9', 6050],
  ['G0', 5930],
  ['G1', 5860],
  ['G2', 5770],
  ['G3', 5720],
  ['G4', 5680],
  ['G5', 5660],
  ['G6', 5600],
  ['G7', 5550],
  ['G8', 5480],
  ['G9', 5380],
  ['K0', 5270],
  ['K1', 5170],
  ['K2', 5100],
  ['K3', 4830],
  ['K4', 4600],
  ['K5', 4440],
  ['K6', 4300],
  ['K7', 4100],
  ['K8', 3990],
  ['K9', 3930],
  ['M0', 3850],
  ['M1', 3660],
  ['M2', 3560],
  ['M3', 3430],
  ['M4', 3210],
  ['M5', 3060],
  ['M6', 2810],
  ['M7', 2680],
  ['M8', 2570],
  ['M9', 2380],
];

/** Giant (III) effective temperatures for G5–M7, after Alonso et al. (1999) and van Belle et al. (1999), rounded. */
const GIANT_TEFF: Array<[string, number]> = [
  ['G5', 5050],
  ['G8', 4950],
  ['K0', 4800],
  ['K1', 4600],
  ['K2', 4450],
  ['K3', 4300],
  ['K4', 4100],
  ['K5', 3950],
  ['M0', 3850],
  ['M1', 3780],
  ['M2', 3700],
  ['M3', 3600],
  ['M4', 3500],
  ['M5', 3400],
  ['M6', 3300],
  ['M7', 3200],
];

/** Subtypes a generator draws for each class. */
export const SUBTYPES: Record<MkClass, string[]> = Object.fromEntries(
  MK_CLASSES.map((c) => [
    c,
    DWARF_TEFF.filter(([s]) => s[0] === c && s !== 'K8' && s !== 'K9').map(([s]) => s),
  ]),
) as Record<MkClass, string[]>;

/** Effective temperature (K) for a subtype and luminosity class; giants exist from G5 to M7 in this table. */
export function teffFor(subtype: string, luminosity: LuminosityClass = 'V'): number {
  const index = subtypeIndex(subtype);
  const table =
    luminosity === 'III' && index >= subtypeIndex('G5') && index <= subtypeIndex('M7')
      ? GIANT_TEFF
      : DWARF_TEFF;
  return piecewiseLinear(
    table.map(([s, t]) => [subtypeIndex(s), t] as const),
    index,
  );
}

/** Surface gravity log g (cgs): main-sequence values from Teff, giants 3.0 at G5 falling to 0.8 at M7. */
export function loggFor(subtype: string, luminosity: LuminosityClass = 'V'): number {
  const index = subtypeIndex(subtype);
  if (luminosity === 'III') return Math.max(0.8, 3.0 - ((index - 45) * 2.2) / 22);
  if (index < 10) return 3.9 + (index - 5) * 0.02;
  if (index < 20) return 4.0 + (index - 10) * 0.02;
  if (index < 60) return 4.2 + (index - 20) * 0.01;
  return 4.8 + (index - 60) * 0.03;
}

/** Whether this table can make a giant of the subtype. */
export function hasGiant(subtype: string): boolean {
  const index = subtypeIndex(subtype);
  return index >= subtypeIndex('G5') && index <= subtypeIndex('M7');
}

/** A typical star of a subtype: the table's Teff and log g, solar metallicity, at rest, unreddened, r = 17. */
export function typicalStar(subtype: string, overrides: Partial<StarParameters> = {}): StarParameters {
  const luminosity = overrides.luminosity ?? 'V';
  return {
    subtype,
    luminosity,
    teffK: teffFor(subtype, luminosity),
    loggCgs: loggFor(subtype, luminosity),
    fehDex: 0,
    rvKms: 0,
    vsiniKms: 0,
    ebv: 0,
    rMag: 17,
    ...overrides,
  };
}
