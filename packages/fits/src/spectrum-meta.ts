import type { CellValue } from './binary-table.js';
import type { Header } from './header.js';
import { HEADER_KEYWORDS, type HeaderQuantity } from './keywords.js';
import type { SpectrumMeta } from './spectrum.js';

type Row = Record<string, CellValue>;

/** The summary-row columns spectrumMeta can read (every keyword of HEADER_KEYWORDS): decode only these. */
export const SUMMARY_COLUMNS: readonly string[] = [...new Set(Object.values(HEADER_KEYWORDS).flat())];

/**
 * Collects identifiers and observing metadata: for each quantity of HEADER_KEYWORDS, the first of its keywords
 * found in the headers (in the order given), then the SPALL/SPECOBJ row for what the headers lack.
 */
export function spectrumMeta(headers: Header[], row?: Row): SpectrumMeta {
  const text = (quantity: HeaderQuantity) => firstString(headers, row, HEADER_KEYWORDS[quantity]);
  const number = (quantity: HeaderQuantity) => firstNumber(headers, row, HEADER_KEYWORDS[quantity]);
  const meta: SpectrumMeta = {
    objectId: text('objectId'),
    objectName: text('objectName'),
    objectType: text('objectType'),
    plate: integer(number('plate')),
    mjd: integer(number('mjd')),
    fiberId: integer(number('fiberId')),
    raDeg: number('raDeg'),
    decDeg: number('decDeg'),
    className: text('className'),
    subClass: text('subClass'),
    spectralType: text('spectralType'),
    redshift: number('redshift'),
    redshiftErr: number('redshiftErr'),
    snMedian: number('snMedian'),
    exptimeS: number('exptimeS'),
    telescope: text('telescope'),
    instrument: text('instrument'),
    heliocentricCorrectionKms: number('heliocentricCorrectionKms'),
    vhelioKms: number('vhelioKms'),
    ebv: ebvOf(number('ebv'), number('av')),
    run2d: text('run2d'),
    dataRelease: text('dataRelease'),
  };
  for (const key of Object.keys(meta) as Array<keyof SpectrumMeta>)
    if (meta[key] === undefined) delete meta[key];
  return meta;
}

function firstString(headers: Header[], row: Row | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    for (const header of headers) {
      const value = header.get(key);
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
      if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    }
  }
  for (const key of keys) {
    const value = row?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  }
  return undefined;
}

function firstNumber(headers: Header[], row: Row | undefined, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    for (const header of headers) {
      const value = header.get(key);
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value);
    }
  }
  for (const key of keys) {
    const value = row?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'bigint') return Number(value);
  }
  return undefined;
}

function integer(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/** E(B−V) as given, else A_V / 3.1 (R_V = 3.1), else undefined. */
export function ebvOf(ebv: number | undefined, av: number | undefined): number | undefined {
  return ebv ?? (av === undefined ? undefined : av / 3.1);
}
