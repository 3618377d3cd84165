import type { Header } from './header.js';
import type { FitsIssue } from './issues.js';
import type { WavelengthFrame, WavelengthGrid } from './spectrum.js';

/** A wavelength array with the grid that defined it. */
export interface WavelengthSolution {
  wavelength: Float64Array;
  grid: WavelengthGrid;
}

/** Ångström per unit, for CUNIT1 and TUNIT values (upper-case, blanks removed). */
export const UNIT_TO_ANGSTROM: Record<string, number> = {
  ANGSTROM: 1,
  ANGSTROMS: 1,
  A: 1,
  AA: 1,
  NM: 10,
  UM: 1e4,
  MICRON: 1e4,
  MICRONS: 1e4,
  M: 1e10,
};

/**
 * Builds wavelengths from header keywords. COEFF0/COEFF1 (SDSS: log10 Å, pixels counted from 0) take
 * precedence; otherwise CRVAL1 with CD1_1 or CDELT1 and CRPIX1 (pixels counted from 1), log10 when
 * DC-FLAG = 1 or CTYPE1 says so. Returns undefined when the header has no solution.
 */
export function wavelengthFromHeader(
  header: Header,
  n: number,
  issues: FitsIssue[],
  hdu?: number,
): WavelengthSolution | undefined {
  const coeff0 = header.number('COEFF0');
  const coeff1 = header.number('COEFF1');
  const ctype1 = header.string('CTYPE1')?.trim();
  const dcFlag = header.number('DC-FLAG');
  const cunit1 = header.string('CUNIT1')?.trim();
  if (coeff0 !== undefined && coeff1 !== undefined) {
    const wavelength = new Float64Array(n);
    for (let i = 0; i < n; i++) wavelength[i] = 10 ** (coeff0 + coeff1 * i);
    return {
      wavelength,
      grid: { kind: 'log10', source: 'COEFF0/COEFF1', coeff0, coeff1, ...wcsKeywords(header) },
    };
  }
  const crval1 = header.number('CRVAL1');
  const cd1_1 = header.number('CD1_1');
  const cdelt1 = header.number('CDELT1');
  const step = cd1_1 ?? cdelt1;
  if (crval1 === undefined || step === undefined) return undefined;
  if (cd1_1 !== undefined && cdelt1 !== undefined && cd1_1 !== cdelt1) {
    issues.push({
      code: 'SPECTRA_WCS_CD_CDELT',
      message: `CD1_1 ${cd1_1} and CDELT1 ${cdelt1} differ; CD1_1 used`,
      hdu,
    });
  }
  const crpix1 = header.number('CRPIX1') ?? 1;
  const type = (ctype1 ?? '').toUpperCase();
  const scale = unitScale(cunit1, issues, hdu);
  const grid: WavelengthGrid = {
    kind: 'linear',
    source: cd1_1 !== undefined ? 'CRVAL1/CD1_1' : 'CRVAL1/CDELT1',
    ...wcsKeywords(header),
  };
  const wavelength = new Float64Array(n);
  if (type.endsWith('-LOG') && crval1 > 10) {
    // WCS Paper III logarithmic axis: λ = CRVAL1 · exp(CDELT1 · (p − CRPIX1) / CRVAL1).
    for (let i = 0; i < n; i++) wavelength[i] = scale * crval1 * Math.exp((step * (i + 1 - crpix1)) / crval1);
    return {
      wavelength,
      grid: { ...grid, kind: 'log10', source: `${grid.source} (${type}, WCS logarithmic)` },
    };
  }
  const log10 =
    dcFlag === 1 || type === 'LOG-LINEAR' || type === 'WAVE-LOG' || type === 'LOGLAM' || type === 'LOG10';
  if (log10) {
    if (type === 'LINEAR' && dcFlag === 1) {
      issues.push({
        code: 'SPECTRA_WCS_DC_FLAG',
        message: "CTYPE1 = 'LINEAR' but DC-FLAG = 1: grid read as log10 (IRAF convention)",
        hdu,
      });
    }
    for (let i = 0; i < n; i++) wavelength[i] = scale * 10 ** (crval1 + step * (i + 1 - crpix1));
    return { wavelength, grid: { ...grid, kind: 'log10' } };
  }
  if (crval1 < 5 && Math.abs(step) < 0.01) {
    issues.push({
      code: 'SPECTRA_WCS_SUSPICIOUS',
      message: `CRVAL1 ${crval1} with step ${step} looks like log10 Å, but nothing in the header says log; read as linear`,
      hdu,
    });
  }
  for (let i = 0; i < n; i++) wavelength[i] = scale * (crval1 + step * (i + 1 - crpix1));
  return { wavelength, grid };
}

/** Air, vacuum or unknown, from VACUUM, AIRORVAC, WAVEFORM or CTYPE1 (WAVE = vacuum, AWAV = air). */
export function frameFromHeader(...headers: Header[]): WavelengthFrame {
  for (const header of headers) {
    const vacuum = header.get('VACUUM');
    if (typeof vacuum === 'boolean') return vacuum ? 'vacuum' : 'air';
    const text = (header.string('AIRORVAC') ?? header.string('WAVEFORM') ?? '').trim().toLowerCase();
    if (text.startsWith('vac')) return 'vacuum';
    if (text.startsWith('air')) return 'air';
    const ctype1 = (header.string('CTYPE1') ?? '').trim().toUpperCase();
    if (ctype1.startsWith('AWAV')) return 'air';
    if (ctype1.startsWith('WAVE')) return 'vacuum';
  }
  return 'unknown';
}

function wcsKeywords(header: Header): Partial<WavelengthGrid> {
  const out: Partial<WavelengthGrid> = {};
  const crval1 = header.number('CRVAL1');
  const cdelt1 = header.number('CDELT1');
  const cd1_1 = header.number('CD1_1');
  const crpix1 = header.number('CRPIX1');
  const ctype1 = header.string('CTYPE1')?.trim();
  const cunit1 = header.string('CUNIT1')?.trim();
  const dcFlag = header.number('DC-FLAG');
  if (crval1 !== undefined) out.crval1 = crval1;
  if (cdelt1 !== undefined) out.cdelt1 = cdelt1;
  if (cd1_1 !== undefined) out.cd1_1 = cd1_1;
  if (crpix1 !== undefined) out.crpix1 = crpix1;
  if (ctype1 !== undefined) out.ctype1 = ctype1;
  if (cunit1 !== undefined) out.cunit1 = cunit1;
  if (dcFlag !== undefined) out.dcFlag = dcFlag;
  return out;
}

function unitScale(cunit1: string | undefined, issues: FitsIssue[], hdu?: number): number {
  if (!cunit1) return 1;
  const scale = UNIT_TO_ANGSTROM[cunit1.toUpperCase().replace(/\s/g, '')];
  if (scale === undefined) {
    issues.push({
      code: 'SPECTRA_WCS_UNIT',
      message: `unknown CUNIT1 '${cunit1}'; wavelengths taken as Ångström`,
      hdu,
    });
    return 1;
  }
  return scale;
}
