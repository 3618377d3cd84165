import type { FitsFile } from '../fits-file.js';
import { wavelengthFromHeader } from '../wavelength-solution.js';
import {
  assembleSpectrum,
  imageRow,
  layoutError,
  type SpectrumAdapter,
  toFloat32,
  toFloat64,
  toMask,
} from './adapter.js';
import { LAMOST_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { lamostFacts } from './survey-facts.js';

/**
 * LAMOST low-resolution image layout (DR1–DR7): a primary image with rows 0 flux, 1 ivar, 2 wavelength (Å),
 * 3 andmask, 4 ormask. Wavelengths come from COEFF0/COEFF1 in float64; row 2 (float32) is checked against them.
 */
export const lamostImage: SpectrumAdapter = {
  name: 'lamost-image',
  identify(file: FitsFile) {
    const primary = file.primary;
    return primary.axes.length === 2 && primary.axes[1] >= 3 && isLamost(file);
  },
  read(context) {
    const hdu = context.file.primary;
    const [width, rows] = hdu.axes;
    const data = hdu.image().data;
    const row = toFloat64(imageRow(data, width, 2));
    let solution = wavelengthFromHeader(hdu.header, width, context.issues, 0);
    if (solution) {
      const worst = maxRelativeDifference(solution.wavelength, row);
      if (worst > 1e-6) {
        context.issues.push({
          code: 'SPECTRA_WAVELENGTH_MISMATCH',
          message: `wavelength row differs from COEFF0/COEFF1 by up to ${worst.toExponential(2)} (relative)`,
          hdu: 0,
        });
      }
    } else {
      solution = { wavelength: row, grid: { kind: 'table', source: 'wavelength image row 2' } };
    }
    if (rows < 2) layoutError(context, 'LAMOST image has no ivar row', 0);
    return assembleSpectrum(context, 'lamost-image', hdu, {
      solution,
      flux: toFloat32(imageRow(data, width, 0)),
      ivar: toFloat32(imageRow(data, width, 1)),
      ...(rows >= 4 && { andMask: toMask(imageRow(data, width, 3)) }),
      badPixelBits: LAMOST_BAD_PIXEL_BITS,
      defaultFrame: 'vacuum',
      facts: () => lamostFacts(context.file.primary.header, 'LRS'),
      ...(rows >= 5 && { orMask: toMask(imageRow(data, width, 4)) }),
    });
  },
};

/** LAMOST by TELESCOP. */
export function isLamost(file: FitsFile): boolean {
  return (file.primary.header.string('TELESCOP') ?? '').trim().toUpperCase() === 'LAMOST';
}

function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
  return worst;
}
