import type { FitsFile, Hdu } from '../fits-file.js';
import {
  assembleSpectrum,
  firstImage,
  headerWavelengths,
  type SpectrumAdapter,
  toFloat32,
} from './adapter.js';
import { layoutSurvey } from './survey-facts.js';

/**
 * A 1-D flux image with an `IVAR` image extension of the same length (MaStar-style), optionally `MASK`
 * and `SRES` (resolving power) extensions. `CTYPE1 = 'WAVE-LOG'` with a log10 CRVAL1 is read as log10.
 */
export const ivarImage: SpectrumAdapter = {
  name: 'mastar-image',
  identify(file: FitsFile) {
    const flux = firstImage(file);
    const ivar = file.find('IVAR');
    return !!flux && flux.axes.length === 1 && !!ivar && sameLength(ivar, flux);
  },
  read(context) {
    const { file } = context;
    const flux = firstImage(file)!;
    const n = flux.axes[0];
    const ivar = file.hdu('IVAR');
    const sres = file.find('SRES');
    const mask = file.find('MASK');
    return assembleSpectrum(context, 'mastar-image', flux, {
      solution: headerWavelengths(context, [flux.header, file.primary.header], n, flux.index),
      flux: toFloat32(flux.image().data),
      ivar: toFloat32(ivar.image().data),
      ...(sres && sameLength(sres, flux) && { resolution: toFloat32(sres.image().data) }),
      ...(mask &&
        sameLength(mask, flux) &&
        mask.bitpix > 0 && { andMask: new Uint32Array(Array.from(mask.image().data, Number)) }),
      defaultFrame: 'vacuum',
      resolutionSource: 'SRES HDU',
      facts: () => layoutSurvey('SDSS-IV MaStar'),
    });
  },
};

function sameLength(hdu: Hdu, flux: Hdu): boolean {
  return hdu.isImage && hdu.axes.length === 1 && hdu.axes[0] === flux.axes[0];
}
