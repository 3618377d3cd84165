import { applyUnsignedOffset, decodeContiguous, type ElementType, type NumericArray } from './big-endian.js';
import { FitsUnsupportedError } from './errors.js';
import type { HduLayout } from './scan-hdus.js';

/** Decoded image data. */
export interface ImageData {
  /** Pixel values, row-major with NAXIS1 fastest (the order of numpy's C arrays). */
  data: NumericArray;
  /** NAXIS1..NAXISn (FITS order). */
  axes: number[];
  /** The same lengths slowest-first, as numpy and astropy report `shape`. */
  shape: number[];
  /** BITPIX as stored. */
  bitpix: number;
  /** True when BSCALE/BZERO were applied to give floats (not an unsigned-integer convention). */
  scaled: boolean;
  /** The BLANK value of an integer image left unscaled, when the header sets one. */
  blank?: number | bigint;
}

/** Options for decoding image data. */
export interface ReadImageOptions {
  /** Apply BSCALE/BZERO (and BLANK → NaN when floats result). Default true. */
  scale?: boolean;
}

const BITPIX_TYPE: Record<number, ElementType> = {
  8: 'u8',
  16: 'i16',
  32: 'i32',
  64: 'i64',
  [-32]: 'f32',
  [-64]: 'f64',
};
const UNSIGNED_ZERO: Record<number, number | bigint> = { 8: -128, 16: 32768, 32: 2147483648, 64: 2n ** 63n };

/** Decodes the data unit of an image HDU (primary or IMAGE extension). */
export function readImage(
  bytes: Uint8Array,
  layout: HduLayout,
  options: ReadImageOptions = {},
  file?: string,
): ImageData {
  if (layout.type === 'compressed-image') {
    throw new FitsUnsupportedError(
      'tile-compressed images are not supported yet; decompress with fpack -D / funpack',
      {
        file,
        hdu: layout.index,
      },
    );
  }
  if (layout.type !== 'primary' && layout.type !== 'image') {
    throw new FitsUnsupportedError(`HDU is a ${layout.type}, not an image`, { file, hdu: layout.index });
  }
  if (layout.type === 'primary' && layout.header.boolean('GROUPS') === true && layout.axes[0] === 0) {
    throw new FitsUnsupportedError('random-groups primary arrays are not supported', { file, hdu: 0 });
  }
  const { header, bitpix, axes } = layout;
  const count = axes.length === 0 ? 0 : axes.reduce((a, b) => a * b, 1);
  const raw = decodeContiguous(bytes, layout.dataOffset, count, BITPIX_TYPE[bitpix]);
  const shape = [...axes].reverse();
  const bscale = header.number('BSCALE') ?? 1;
  const bzeroValue = header.get('BZERO');
  const bzero = typeof bzeroValue === 'number' || typeof bzeroValue === 'bigint' ? bzeroValue : 0;
  const blankValue = header.get('BLANK');
  const blank =
    bitpix > 0 && (typeof blankValue === 'number' || typeof blankValue === 'bigint') ? blankValue : undefined;
  const base = { axes, shape, bitpix };
  if (options.scale === false || (bscale === 1 && Number(bzero) === 0)) {
    return { ...base, data: raw, scaled: false, blank };
  }
  if (bscale === 1 && bitpix > 0 && bzero === UNSIGNED_ZERO[bitpix] && blank === undefined) {
    return { ...base, data: applyUnsignedOffset(raw, bitpix as 8 | 16 | 32 | 64), scaled: false };
  }
  if (bscale === 1 && bitpix === 64 && typeof bzero === 'bigint') {
    const out = new BigInt64Array(raw.length);
    const source = raw as BigInt64Array;
    for (let i = 0; i < raw.length; i++) out[i] = source[i] + bzero;
    return { ...base, data: out, scaled: false, blank };
  }
  const out =
    bitpix === 8 || bitpix === 16 || bitpix === -32
      ? new Float32Array(raw.length)
      : new Float64Array(raw.length);
  const zero = Number(bzero);
  const blankNumber = blank === undefined ? undefined : Number(blank);
  for (let i = 0; i < raw.length; i++) {
    const value = Number(raw[i]);
    out[i] = blankNumber !== undefined && value === blankNumber ? Number.NaN : value * bscale + zero;
  }
  return { ...base, data: out, scaled: true };
}
