import type { FitsFile, Hdu } from '../fits-file.js';
import { wavelengthFromLog10 } from '../log-wavelength.js';
import { assembleSpectrum, type SpectrumAdapter, toFloat32, toMask } from './adapter.js';
import { LAMOST_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { lamostFacts } from './survey-facts.js';

/** The co-added arms of a LAMOST medium-resolution file, blue first. */
const ARMS = ['COADD_B', 'COADD_R'] as const;

/**
 * LAMOST medium-resolution (MRS) spectra: `COADD_B` (≈ 4950–5350 Å) and `COADD_R` (≈ 6300–6800 Å, around Hα)
 * tables of `FLUX, IVAR, LOGLAM, ANDMASK, ORMASK`, beside per-exposure `B-…`/`R-…` tables. Both arms are returned
 * as one spectrum, blue then red, with one unusable pixel (flux NaN, ivar 0) at each side of the gap between them,
 * so nothing downstream interpolates across it. The per-exposure tables are not read (the co-adds are their sum).
 */
export const lamostMrs: SpectrumAdapter = {
  name: 'lamost-mrs',
  identify(file: FitsFile) {
    return armsOf(file).length > 0;
  },
  read(context) {
    const arms = armsOf(context.file);
    const parts = arms.map((hdu) => {
      const table = hdu.table();
      return {
        hdu,
        wavelength: wavelengthFromLog10(table.column('LOGLAM') as ArrayLike<number>),
        flux: toFloat32(table.column('FLUX')),
        ivar: toFloat32(table.column('IVAR')),
        andMask: table.has('ANDMASK') ? toMask(table.column('ANDMASK')) : undefined,
        orMask: table.has('ORMASK') ? toMask(table.column('ORMASK')) : undefined,
      };
    });
    const gap = parts.length > 1 ? 2 : 0;
    const n = parts.reduce((sum, p) => sum + p.flux.length, 0) + gap;
    const wavelength = new Float64Array(n);
    const flux = new Float32Array(n);
    const ivar = new Float32Array(n);
    const andMask = new Uint32Array(n);
    const orMask = new Uint32Array(n);
    let at = 0;
    parts.forEach((part, k) => {
      if (k > 0) {
        // One unusable pixel just after the previous arm and one just before this one.
        const before = parts[k - 1].wavelength;
        const last = before[before.length - 1];
        const first = part.wavelength[0];
        for (const w of [last + (last - before[before.length - 2]), first - (part.wavelength[1] - first)]) {
          wavelength[at] = w;
          flux[at] = Number.NaN;
          ivar[at] = 0;
          at++;
        }
      }
      wavelength.set(part.wavelength, at);
      flux.set(part.flux, at);
      ivar.set(part.ivar, at);
      if (part.andMask) andMask.set(part.andMask, at);
      if (part.orMask) orMask.set(part.orMask, at);
      at += part.flux.length;
    });
    if (parts.length < ARMS.length)
      context.issues.push({
        code: 'SPECTRA_ONE_ARM',
        message: `only ${arms[0].name} is present; the other arm is missing`,
        hdu: arms[0].index,
      });
    return assembleSpectrum(context, 'lamost-mrs', arms[0], {
      solution: {
        wavelength,
        grid: { kind: 'table', source: `LOGLAM columns of ${arms.map((a) => a.name).join(' + ')}` },
      },
      flux,
      ivar,
      andMask,
      orMask,
      badPixelBits: LAMOST_BAD_PIXEL_BITS,
      defaultFrame: 'vacuum',
      facts: () => lamostFacts(context.file.primary.header, 'MRS'),
    });
  },
};

function armsOf(file: FitsFile): Hdu[] {
  return ARMS.map((name) => file.find(name)).filter((hdu): hdu is Hdu => {
    if (hdu?.type !== 'bintable') return false;
    const table = hdu.table();
    return table.has('LOGLAM') && table.has('FLUX') && table.has('IVAR') && table.rows > 1;
  });
}
