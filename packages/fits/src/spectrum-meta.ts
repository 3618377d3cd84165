import type { CellValue } from './binary-table.js';
import type { Header } from './header.js';
import type { SpectrumMeta } from './spectrum.js';

type Row = Record<string, CellValue>;

/**
 * Collects identifiers and observing metadata: the first of each keyword's aliases found in the
 * headers (in the order given), then the SPALL/SPECOBJ row for what the headers lack.
 */
export function spectrumMeta(headers: Header[], row?: Row): SpectrumMeta {
  const text = (...keys: string[]) => firstString(headers, row, keys);
  const number = (...keys: string[]) => firstNumber(headers, row, keys);
  const meta: SpectrumMeta = {
    objectId: text('OBJID', 'APOGEE_ID', 'TARGETID', 'MANGAID', 'TARGET_ID'),
    objectName: text('OBJNAME', 'OBJECT', 'NAME'),
    objectType: text('OBJTYPE'),
    plate: integer(number('PLATEID', 'PLATE')),
    mjd: integer(number('MJD')),
    fiberId: integer(number('FIBERID', 'FIBER')),
    raDeg: number('RA', 'PLUG_RA', 'RAOBJ'),
    decDeg: number('DEC', 'PLUG_DEC', 'DECOBJ'),
    className: text('CLASS'),
    subClass: text('SUBCLASS'),
    spectralType: text('SPTYPE', 'SPECTYPE'),
    redshift: number('Z'),
    redshiftErr: number('Z_ERR'),
    snMedian: number('SN_MEDIAN_ALL', 'SNR', 'SN_MEDIAN', 'SNR_MEDIAN'),
    exptimeS: number('EXPTIME', 'TEXPTIME', 'EXPOSURE'),
    telescope: text('TELESCOP', 'TELESCOPE'),
    instrument: text('INSTRUME'),
    heliocentricCorrectionKms: number('HELIO_RV'),
    vhelioKms: number('VHELIO'),
    ebv: number('EBV', 'SFD_EBV'),
    run2d: text('RUN2D'),
  };
  for (const key of Object.keys(meta) as Array<keyof SpectrumMeta>)
    if (meta[key] === undefined) delete meta[key];
  return meta;
}

function firstString(headers: Header[], row: Row | undefined, keys: string[]): string | undefined {
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

function firstNumber(headers: Header[], row: Row | undefined, keys: string[]): number | undefined {
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
