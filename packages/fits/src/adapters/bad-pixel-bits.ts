const bit = (...bits: number[]) => bits.reduce((mask, b) => (mask | (1 << b)) >>> 0, 0);

/**
 * SDSS AND-mask (SPPIXMASK) bits that make a pixel unusable: NOPLUG, BADTRACE, BADFLAT, BADARC, WHOPPER,
 * FULLREJECT, BRIGHTSKY, NODATA, COMBINEREJ. Informational bits (MANYBADCOLUMNS, PARTIALREJECT, NEARBADPIXEL,
 * LOWFLAT, SCATTEREDLIGHT...) are set over thousands of good pixels and do not make a pixel bad.
 */
export const SDSS_BAD_PIXEL_BITS = bit(0, 1, 2, 3, 9, 18, 23, 24, 25);
/** LAMOST andmask: BADCCD, BADPROFILE, BRIGHTSKY, BADCENTER, NODATA (bits 1, 2, 4, 5, 6 counted from 1). */
export const LAMOST_BAD_PIXEL_BITS = bit(0, 1, 3, 4, 5);
/** APOGEE PIXMASK: BADPIX, CRPIX, SATPIX, UNFIXABLE, BADDARK, BADFLAT, BADERR. */
export const APOGEE_BAD_PIXEL_BITS = bit(0, 1, 2, 3, 4, 5, 6);
/** Every bit: for masks whose bits this reader does not know, any set bit makes a pixel bad. */
export const ANY_BIT = 0xffffffff;
