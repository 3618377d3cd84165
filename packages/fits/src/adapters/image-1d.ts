import type { FitsFile, Hdu } from '../fits-file.js';
import {
  assembleSpectrum,
  firstImage,
  headerWavelengths,
  imageRow,
  ivarFromError,
  type SpectrumAdapter,
  toFloat32,
} from './adapter.js';

import { resolutionFromFwhm, sdssFacts } from './survey-facts.js';

const ERROR_NAMES = new Set(['ERROR', 'ERR', 'SIGMA', 'UNCERT', 'UNCERTAINTY', 'NOISE', 'STDDEV']);

/**
 * Any 1-D image spectrum (IRAF/MILES/Indo-US/SDSS 1-D): linear or log10 grid from CRVAL1/CDELT1/CD1_1/CRPIX1,
 * CTYPE1 and DC-FLAG, or COEFF0/COEFF1. A 2-D image yields its first row (with an issue). A same-length image
 * extension named ERROR/SIGMA/... gives σ; an unnamed float image right after an SDSS 1-D flux image is σ
 * by the SDSS 1-D image convention (recorded as an issue).
 */
export const image1d: SpectrumAdapter = {
  name: 'image-1d',
  identify(file: FitsFile) {
    return firstImage(file) !== undefined;
  },
  read(context) {
    const { file } = context;
    const hdu = firstImage(file)!;
    const width = hdu.axes[0];
    let flux = hdu.image().data;
    if (hdu.axes.length > 1) {
      context.issues.push({
        code: 'SPECTRA_FIRST_ROW',
        message: `image is ${hdu.shape.join(' × ')}; the first row is read as the spectrum`,
        hdu: hdu.index,
      });
      flux = imageRow(flux, width, 0);
    }
    const errorHdu = findErrorImage(file, hdu, context.issues);
    const error = errorHdu ? toFloat32(imageRow(errorHdu.image().data, width, 0)) : undefined;
    if (!error) {
      context.issues.push({
        code: 'SPECTRA_NO_UNCERTAINTY',
        message: 'file carries no uncertainty; ivar is 0 everywhere',
        hdu: hdu.index,
      });
    }
    const format = (file.primary.header.string('TELESCOP') ?? '').trim().startsWith('SDSS')
      ? 'sdss-image-1d'
      : 'image-1d';
    const solution = headerWavelengths(context, [hdu.header, file.primary.header], width, hdu.index);
    const fwhm = hdu.header.number('FWHM') ?? file.primary.header.number('FWHM');
    const library = file.primary.header.string('TPLLIB')?.trim();
    return assembleSpectrum(context, format, hdu, {
      solution,
      flux: toFloat32(flux),
      ivar: error ? ivarFromError(error) : new Float32Array(width),
      ...(error && { error }),
      noUncertainty: !error,
      // SDSS 1-D images are in vacuum; other 1-D images are IRAF-style library spectra (MILES, Indo-US, ELODIE),
      // which are in air.
      defaultFrame: format === 'sdss-image-1d' ? 'vacuum' : 'air',
      ...(fwhm !== undefined &&
        fwhm > 0 && {
          resolution: resolutionFromFwhm(solution.wavelength, fwhm),
          resolutionSource: `FWHM keyword (${fwhm} Å)`,
        }),
      facts:
        format === 'sdss-image-1d'
          ? sdssFacts
          : () =>
              library ? { survey: `${library} library`, sources: { survey: 'TPLLIB' } } : { sources: {} },
    });
  },
};

function findErrorImage(
  file: FitsFile,
  flux: Hdu,
  issues: import('../issues.js').FitsIssue[],
): Hdu | undefined {
  const fits = (h: Hdu) => h !== flux && h.isImage && h.axes[0] === flux.axes[0] && h.bitpix < 0;
  const named = file.hdus.find((h) => fits(h) && ERROR_NAMES.has(h.name.toUpperCase()));
  if (named) return named;
  const next = file.hdus[flux.index + 1];
  const sdss = (file.primary.header.string('TELESCOP') ?? '').trim().startsWith('SDSS');
  if (sdss && next && fits(next) && next.name === '') {
    issues.push({
      code: 'SPECTRA_ASSUMED_ERROR_HDU',
      message: `unnamed image HDU ${next.index} read as 1-σ flux error (SDSS 1-D image convention)`,
      hdu: next.index,
    });
    return next;
  }
  return undefined;
}
