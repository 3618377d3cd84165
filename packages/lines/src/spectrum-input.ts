/** The arrays line analysis needs; a `Spectrum` from @spectra/fits is one. */
export interface SpectrumInput {
  /** Å, ascending. */
  wavelength: ArrayLike<number>;
  flux: ArrayLike<number>;
  /** Inverse variance; 0 marks a pixel without a valid measurement. Omit (or set uncertainty 'none') when unknown. */
  ivar?: ArrayLike<number>;
  /** Bad-pixel bitmask (SDSS AND mask). */
  andMask?: ArrayLike<number>;
  uncertainty?: 'ivar' | 'error' | 'none';
  frame?: 'vacuum' | 'air' | 'unknown';
  /** Layout name from @spectra/fits (`sdss-spec`, `lamost-image`, ...): chooses which mask bits mean "bad". */
  format?: string;
}

const bit = (...bits: number[]) => bits.reduce((mask, b) => (mask | (1 << b)) >>> 0, 0);

/**
 * SDSS AND-mask bits that make a pixel unusable: NOPLUG, BADTRACE, BADFLAT, BADARC, WHOPPER, FULLREJECT,
 * BRIGHTSKY, NODATA, COMBINEREJ. Informational bits (MANYBADCOLUMNS, PARTIALREJECT, NEARBADPIXEL, LOWFLAT,
 * SCATTEREDLIGHT...) are set over thousands of good pixels and are not masked.
 */
export const SDSS_BAD_PIXEL_BITS = bit(0, 1, 2, 3, 9, 18, 23, 24, 25);
/** LAMOST andmask: BADCCD, BADPROFILE, BRIGHTSKY, BADCENTER, NODATA (bits 1, 2, 4, 5, 6 counted from 1). */
export const LAMOST_BAD_PIXEL_BITS = bit(0, 1, 3, 4, 5);
/** APOGEE PIXMASK: BADPIX, CRPIX, SATPIX, UNFIXABLE, BADDARK, BADFLAT, BADERR. */
export const APOGEE_BAD_PIXEL_BITS = bit(0, 1, 2, 3, 4, 5, 6);

/** The mask bits that mark a bad pixel for a layout; every bit for layouts whose mask is not known. */
export function badPixelBits(format?: string): number {
  if (!format) return 0xffffffff;
  if (format.startsWith('sdss')) return SDSS_BAD_PIXEL_BITS;
  if (format.startsWith('lamost')) return LAMOST_BAD_PIXEL_BITS;
  if (format.startsWith('apogee')) return APOGEE_BAD_PIXEL_BITS;
  return 0xffffffff;
}

/** Which pixels are usable: finite flux, ivar > 0 (when known), no bit of `maskBits` (default: the layout's bad bits) in andMask. */
export function goodPixels(spectrum: SpectrumInput, maskBits = badPixelBits(spectrum.format)): Uint8Array {
  const n = spectrum.flux.length;
  const good = new Uint8Array(n);
  const knownIvar = spectrum.ivar && spectrum.uncertainty !== 'none';
  for (let i = 0; i < n; i++) {
    const flux = spectrum.flux[i];
    let ok = Number.isFinite(flux) && Number.isFinite(spectrum.wavelength[i]);
    if (ok && knownIvar) ok = spectrum.ivar![i] > 0 && Number.isFinite(spectrum.ivar![i]);
    if (ok && spectrum.andMask) ok = ((spectrum.andMask[i] >>> 0) & maskBits) === 0;
    good[i] = ok ? 1 : 0;
  }
  return good;
}

/** True when the spectrum carries usable inverse variances. */
export function hasIvar(spectrum: SpectrumInput): boolean {
  return !!spectrum.ivar && spectrum.uncertainty !== 'none';
}
