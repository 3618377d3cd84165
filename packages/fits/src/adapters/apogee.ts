import type { FitsFile, Hdu } from '../fits-file.js';
import {
  ascending,
  assembleSpectrum,
  headerWavelengths,
  imageRow,
  ivarFromError,
  type SpectrumAdapter,
  toFloat32,
  toFloat64,
  toMask,
} from './adapter.js';
import { APOGEE_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { layoutSurvey } from './survey-facts.js';

// APOGEE wavelengths are vacuum (APOGEE data model: apStar, aspcapStar and apVisit wavelength arrays).

/**
 * APOGEE apStar and aspcapStar: HDU1 flux (first row when 2-D: the combined spectrum), HDU2 error (σ),
 * HDU3 pixel mask (apStar, integer) or best-fit model (aspcapStar, float); log10 grid from CRVAL1/CDELT1.
 */
export const apogeeStar: SpectrumAdapter = {
  name: 'apogee-star',
  identify(file: FitsFile) {
    const [primary, flux, error] = file.hdus;
    if (!flux || !error || primary.isImage || !flux.isImage || !error.isImage) return false;
    const ctype = (flux.header.string('CTYPE1') ?? '').trim().toUpperCase();
    return ctype === 'LOG-LINEAR' && flux.axes[0] === error.axes[0];
  },
  read(context) {
    const { file } = context;
    const fluxHdu = file.hdus[1];
    const width = fluxHdu.axes[0];
    const first = (hdu: Hdu) => imageRow(hdu.image().data, width, 0);
    const error = toFloat32(first(file.hdus[2]));
    const third = file.hdus[3];
    const maskHdu = third?.isImage && third.bitpix > 0 && third.axes[0] === width ? third : undefined;
    if (fluxHdu.axes.length > 1 && fluxHdu.axes[1] > 1) {
      context.issues.push({
        code: 'SPECTRA_FIRST_ROW',
        message: `flux image has ${fluxHdu.axes[1]} rows; row 0 (the combined spectrum) is read`,
        hdu: 1,
      });
    }
    const format = maskHdu ? 'apogee-apstar' : 'apogee-aspcapstar';
    return assembleSpectrum(context, format, fluxHdu, {
      solution: headerWavelengths(context, [fluxHdu.header, file.primary.header], width, 1),
      flux: toFloat32(first(fluxHdu)),
      ivar: ivarFromError(error),
      error,
      ...(maskHdu && { andMask: toMask(first(maskHdu)) }),
      badPixelBits: APOGEE_BAD_PIXEL_BITS,
      defaultFrame: 'vacuum',
      facts: () => layoutSurvey('SDSS APOGEE'),
    });
  },
};

/**
 * APOGEE apVisit: HDU1 flux, HDU2 error, HDU3 mask and HDU4 wavelength (float64), each chips × 4096,
 * wavelengths descending within a chip. All chips are returned as one spectrum in ascending wavelength.
 */
export const apogeeVisit: SpectrumAdapter = {
  name: 'apogee-apvisit',
  identify(file: FitsFile) {
    const [primary, flux, error, mask, wave] = file.hdus;
    if (!wave || primary.isImage) return false;
    const same = (h: Hdu) =>
      h.isImage && h.axes.length === flux.axes.length && h.axes.every((n, i) => n === flux.axes[i]);
    return flux.isImage && same(error) && same(mask) && same(wave) && wave.bitpix === -64 && mask.bitpix > 0;
  },
  read(context) {
    const { file } = context;
    const [, fluxHdu, errorHdu, maskHdu, waveHdu] = file.hdus;
    const error = toFloat32(errorHdu.image().data);
    const spectrum = assembleSpectrum(context, 'apogee-apvisit', fluxHdu, {
      solution: {
        wavelength: toFloat64(waveHdu.image().data),
        grid: { kind: 'table', source: 'wavelength image (HDU 4)' },
      },
      flux: toFloat32(fluxHdu.image().data),
      ivar: ivarFromError(error),
      error,
      andMask: toMask(maskHdu.image().data),
      badPixelBits: APOGEE_BAD_PIXEL_BITS,
      defaultFrame: 'vacuum',
      facts: () => layoutSurvey('SDSS APOGEE'),
    });
    return ascending(spectrum);
  },
};
