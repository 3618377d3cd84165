import type { NumericArray } from '../big-endian.js';
import type { FitsFile, Hdu } from '../fits-file.js';
import { assembleSpectrum, type SpectrumAdapter, toFloat32, toFloat64, toMask } from './adapter.js';
import { ANY_BIT, LAMOST_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { isLamost } from './lamost-image.js';
import { lamostFacts } from './survey-facts.js';

/**
 * One-row table of array columns FLUX, IVAR, WAVELENGTH (Å), ANDMASK, ORMASK: LAMOST DR8 and later
 * (`COADD` HDU), and any survey that stores a spectrum that way.
 */
export const coaddRowTable: SpectrumAdapter = {
  name: 'lamost-table',
  identify(file: FitsFile) {
    return findHdu(file) !== undefined;
  },
  read(context) {
    const hdu = findHdu(context.file)!;
    const table = hdu.table();
    if (table.rows > 1) {
      context.issues.push({
        code: 'SPECTRA_MULTIPLE_ROWS',
        message: `table has ${table.rows} rows; the first is read`,
        hdu: hdu.index,
      });
    }
    const row = table.row(0);
    const get = (name: string) => {
      const info = table.info(name);
      return info ? (row[info.name] as NumericArray) : undefined;
    };
    const andMask = get('ANDMASK');
    const orMask = get('ORMASK');
    return assembleSpectrum(context, isLamost(context.file) ? 'lamost-table' : 'coadd-row-table', hdu, {
      solution: {
        wavelength: toFloat64(get('WAVELENGTH')!),
        grid: { kind: 'table', source: 'WAVELENGTH column' },
      },
      flux: toFloat32(get('FLUX')!),
      ivar: toFloat32(get('IVAR')!),
      ...(andMask && { andMask: toMask(andMask) }),
      badPixelBits: isLamost(context.file) ? LAMOST_BAD_PIXEL_BITS : ANY_BIT,
      ...(isLamost(context.file) && {
        defaultFrame: 'vacuum' as const,
        facts: () => lamostFacts(context.file.primary.header, 'LRS'),
      }),
      ...(orMask && { orMask: toMask(orMask) }),
    });
  },
};

function findHdu(file: FitsFile): Hdu | undefined {
  return file.hdus.find((hdu) => {
    if (hdu.type !== 'bintable') return false;
    const table = hdu.table();
    return (
      table.rows >= 1 &&
      table.has('FLUX') &&
      table.has('WAVELENGTH') &&
      table.has('IVAR') &&
      (table.info('FLUX')?.tform.repeat ?? 0) > 1
    );
  });
}
