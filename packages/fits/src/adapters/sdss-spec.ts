import type { FitsFile, Hdu } from '../fits-file.js';
import { wavelengthFromLog10 } from '../log-wavelength.js';
import { SUMMARY_COLUMNS } from '../spectrum-meta.js';
import { assembleSpectrum, type SpectrumAdapter, toFloat32, toMask } from './adapter.js';
import { SDSS_BAD_PIXEL_BITS } from './bad-pixel-bits.js';
import { resolutionFromWdisp, sdssFacts } from './survey-facts.js';

/** SDSS-III/IV `spec-PLATE-MJD-FIBER.fits`: COADD table (flux, loglam, ivar, and_mask, or_mask...), SPALL/SPECOBJ row. */
export const sdssSpec: SpectrumAdapter = {
  name: 'sdss-spec',
  identify(file: FitsFile) {
    const coadd = file.find('COADD');
    if (coadd?.type !== 'bintable') return false;
    const table = coadd.table();
    return table.has('loglam') && table.has('flux');
  },
  read(context) {
    const hdu = context.file.hdu('COADD');
    const table = hdu.table();
    const wavelength = wavelengthFromLog10(table.column('loglam') as Float32Array | Float64Array);
    const summary = summaryHdu(context.file);
    const row =
      summary?.type === 'bintable' && summary.table().rows > 0
        ? summary.table().row(0, SUMMARY_COLUMNS)
        : undefined;
    const primary = context.file.primary.header;
    return assembleSpectrum(
      context,
      'sdss-spec',
      hdu,
      {
        solution: {
          wavelength,
          grid: {
            kind: 'log10',
            source: 'loglam column',
            ...(primary.number('COEFF0') !== undefined && { coeff0: primary.number('COEFF0') }),
            ...(primary.number('COEFF1') !== undefined && { coeff1: primary.number('COEFF1') }),
          },
        },
        flux: toFloat32(table.column('flux')),
        ivar: toFloat32(table.column('ivar')),
        ...(table.has('and_mask') && { andMask: toMask(table.column('and_mask')) }),
        badPixelBits: SDSS_BAD_PIXEL_BITS,
        defaultFrame: 'vacuum',
        ...(table.has('wdisp') && {
          resolution: resolutionFromWdisp(table.column('wdisp') as ArrayLike<number>),
          resolutionSource: 'COADD wdisp (σ in 1e-4 dex pixels → λ/FWHM)',
        }),
        facts: sdssFacts,
        ...(table.has('or_mask') && { orMask: toMask(table.column('or_mask')) }),
      },
      row,
    );
  },
};

/** The summary row's table: HDU 2 by the data model (SPALL in SDSS-III/IV, SPECOBJ in DR7 reprocessings), by name. */
function summaryHdu(file: FitsFile): Hdu | undefined {
  const second = file.find(2);
  if (second && SUMMARY_NAMES.includes(second.name.toUpperCase())) return second;
  return file.find('SPALL') ?? file.find('SPECOBJ');
}

const SUMMARY_NAMES = ['SPALL', 'SPECOBJ'];
