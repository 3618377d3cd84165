import { subtypeIndex } from '@spectra/core';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { airToVacuum } from './air-vacuum.js';
import { LINE_RECORDS } from './line-list-data.js';

/** What a row describes: a single transition, a blend of close transitions, or a molecular band head. */
export type LineKind = 'line' | 'blend' | 'band';

/** One row of the line list (the reference README's Table C, plus the air wavelength and kind). */
export interface LineListEntry {
  /** Species, e.g. `H I`, `Fe II`, `TiO`. */
  elem: string;
  /** Common name, e.g. `Hα`, `Ca II K`, `Na D2`. */
  transition: string;
  /** Rest wavelength in vacuum, Å (SDSS and LAMOST spectra are vacuum). */
  lambda_rest_A: number;
  /** Rest wavelength in standard air, Å. */
  lambda_air_A: number;
  /** Lower→upper level or multiplet note. */
  lower_upper_levels: string;
  /** Source of the wavelength and of the medium conversion. */
  ref: string;
  /** Whether the row takes part in identification and plots by default. */
  use_flag: boolean;
  kind: LineKind;
  /**
   * Where the feature appears in stellar spectra, on the MK scale (`O0–A1`: He I, `K5–M9`: TiO), or `any` for
   * emission lines of nebulae and AGN. identifyLines needs strong evidence to name a line outside its range.
   */
  mk_range: string;
}

const CONVERSION = 'vacuum from air by Morton (2000) inverse (VALD)';

/**
 * The line list: NIST air wavelengths as published (λ > 2000 Å) with vacuum computed by the inverse of
 * Morton (2000). Sorted by vacuum wavelength. Molecular band heads are listed for plots and indices;
 * identification of narrow features uses lines and blends.
 */
export const lineList: readonly LineListEntry[] = LINE_RECORDS.map(
  ([elem, transition, wavelength, levels, kind, ref, range]) => {
    // Below 2000 Å wavelengths are quoted in vacuum (and air is not defined there): both columns hold it.
    const ultraviolet = wavelength < 2000;
    return {
      elem,
      transition,
      lambda_rest_A: ultraviolet ? wavelength : round(airToVacuum(wavelength), 3),
      lambda_air_A: wavelength,
      lower_upper_levels: levels,
      ref: ultraviolet ? ref : `${ref}; ${CONVERSION}`,
      use_flag: true,
      kind,
      mk_range: range,
    };
  },
).sort((a, b) => a.lambda_rest_A - b.lambda_rest_A);

/** The MK range of a line as O0 = 0 … M9 = 69 bounds; the whole scale for `any`. */
export function mkRangeOf(entry: Pick<LineListEntry, 'mk_range'>): [number, number] {
  if (entry.mk_range === 'any') return [0, 69];
  const [from, to] = entry.mk_range.split('–');
  return [subtypeIndex(from), subtypeIndex(to)];
}

/** Column order of the line list CSV (the supplement's `line_list.csv`). */
export const LINE_LIST_COLUMNS = [
  'elem',
  'transition',
  'lambda_rest_A',
  'lambda_air_A',
  'lower_upper_levels',
  'ref',
  'use_flag',
  'kind',
  'mk_range',
] as const;

/** The line list as CSV text (RFC 4180 quoting), header first. */
export function lineListCsv(entries: readonly LineListEntry[] = lineList): string {
  return stringify(
    entries.map((entry) => LINE_LIST_COLUMNS.map((column) => entry[column])),
    { header: true, columns: [...LINE_LIST_COLUMNS], cast: { boolean: (value) => String(value) } },
  );
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
