import type { FitsFile } from '../fits-file.js';
import {
  assembleSpectrum,
  headerWavelengths,
  imageRow,
  ivarFromError,
  layoutError,
  type SpectrumAdapter,
  toFloat32,
  toMask,
} from './adapter.js';
import { SDSS_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { spSpecFacts } from './survey-facts.js';

/**
 * SDSS-I/II `spSpec` (DR7 and earlier): a primary image of N rows × pixels — 0 flux, 1 continuum-subtracted
 * flux, 2 error (σ), 3 mask — with COEFF0/COEFF1. The row count is read from NAXIS2, not assumed.
 */
export const sdssSpSpec: SpectrumAdapter = {
  name: 'sdss-spspec',
  identify(file: FitsFile) {
    const primary = file.primary;
    const header = primary.header;
    const telescope = header.string('TELESCOP')?.trim() ?? '';
    return (
      primary.axes.length === 2 &&
      primary.axes[1] >= 1 &&
      telescope.startsWith('SDSS') &&
      header.number('COEFF0') !== undefined
    );
  },
  read(context) {
    const hdu = context.file.primary;
    const [width, rows] = hdu.axes;
    const data = hdu.image().data;
    if (rows < 1) layoutError(context, 'spSpec image has no rows', 0);
    const flux = toFloat32(imageRow(data, width, 0));
    let error: Float32Array | undefined;
    if (rows >= 3) error = toFloat32(imageRow(data, width, 2));
    else
      context.issues.push({
        code: 'SPECTRA_NO_ERROR',
        message: `spSpec image has ${rows} rows: no error row`,
        hdu: 0,
      });
    const andMask = rows >= 4 ? toMask(imageRow(data, width, 3)) : undefined;
    return assembleSpectrum(context, 'sdss-spspec', hdu, {
      solution: headerWavelengths(context, [hdu.header], width, 0),
      flux,
      ivar: error ? ivarFromError(error) : new Float32Array(width),
      ...(error && { error }),
      ...(andMask && { andMask }),
      badPixelBits: SDSS_BAD_PIXEL_BITS,
      defaultFrame: 'vacuum',
      facts: spSpecFacts,
    });
  },
};
