/** A FITS numeric element type, named by its TFORM letter or BITPIX. */
export type ElementType = 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

/** Typed arrays that this package hands out for numeric data. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export const ELEMENT_BYTES: Record<ElementType, number> = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies `count` contiguous big-endian elements starting at `offset` into a new native typed array.
 * The caller has checked that the bytes are present.
 */
export function decodeContiguous(
  bytes: Uint8Array,
  offset: number,
  count: number,
  type: ElementType,
): NumericArray {
  const size = ELEMENT_BYTES[type];
  if (LITTLE_ENDIAN_HOST && size > 1) return view(gatherSwapped(bytes, offset, 1, 0, count, size), type);
  return view(bytes.slice(offset, offset + count * size), type);
}

/**
 * Gathers `repeat` elements from each of `rows` rows of width `rowBytes` (a table column) into one
 * native typed array, row-major.
 */
export function decodeStrided(
  bytes: Uint8Array,
  offset: number,
  rows: number,
  rowBytes: number,
  repeat: number,
  type: ElementType,
): NumericArray {
  const size = ELEMENT_BYTES[type];
  const width = repeat * size;
  if (width === 0) return decodeContiguous(bytes, offset, 0, type);
  if (rows === 1 || width === rowBytes) return decodeContiguous(bytes, offset, rows * repeat, type);
  if (LITTLE_ENDIAN_HOST && size > 1)
    return view(gatherSwapped(bytes, offset, rows, rowBytes, repeat, size), type);
  const packed = new Uint8Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const start = offset + r * rowBytes;
    packed.set(bytes.subarray(start, start + width), r * width);
  }
  return view(packed, type);
}

/**
 * Gathers and byte-swaps in one pass, a whole element per DataView read (big-endian) and typed-array write
 * (native): element k of row r lands at r*repeat + k. 8-byte elements are two 32-bit words, low word first.
 */
function gatherSwapped(
  bytes: Uint8Array,
  offset: number,
  rows: number,
  rowBytes: number,
  repeat: number,
  size: number,
): Uint8Array {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = rows * repeat;
  if (size === 2) {
    const out = new Uint16Array(n);
    for (let r = 0, to = 0; r < rows; r++) {
      const start = offset + r * rowBytes;
      for (let e = 0; e < repeat; e++) out[to++] = data.getUint16(start + 2 * e);
    }
    return new Uint8Array(out.buffer);
  }
  const out = new Uint32Array(size === 8 ? 2 * n : n);
  if (size === 4) {
    for (let r = 0, to = 0; r < rows; r++) {
      const start = offset + r * rowBytes;
      for (let e = 0; e < repeat; e++) out[to++] = data.getUint32(start + 4 * e);
    }
  } else {
    for (let r = 0, to = 0; r < rows; r++) {
      const start = offset + r * rowBytes;
      for (let e = 0; e < repeat; e++, to += 2) {
        out[to] = data.getUint32(start + 8 * e + 4);
        out[to + 1] = data.getUint32(start + 8 * e);
      }
    }
  }
  return new Uint8Array(out.buffer);
}

/** A typed view of native-order bytes. */
function view(bytes: Uint8Array, type: ElementType): NumericArray {
  const buffer = bytes.buffer;
  switch (type) {
    case 'u8':
      return bytes;
    case 'i16':
      return new Int16Array(buffer);
    case 'i32':
      return new Int32Array(buffer);
    case 'i64':
      return new BigInt64Array(buffer);
    case 'f32':
      return new Float32Array(buffer);
    case 'f64':
      return new Float64Array(buffer);
  }
}

/** Reverses the bytes of each `size`-byte element in place. */
export function swapInPlace(data: Uint8Array, size: number): void {
  const n = data.length;
  if (size === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = data[i];
      data[i] = data[i + 1];
      data[i + 1] = a;
    }
  } else if (size === 4) {
    for (let i = 0; i < n; i += 4) {
      const a = data[i];
      const b = data[i + 1];
      data[i] = data[i + 3];
      data[i + 1] = data[i + 2];
      data[i + 2] = b;
      data[i + 3] = a;
    }
  } else if (size === 8) {
    for (let i = 0; i < n; i += 8) {
      for (let k = 0; k < 4; k++) {
        const a = data[i + k];
        data[i + k] = data[i + 7 - k];
        data[i + 7 - k] = a;
      }
    }
  }
}

/** Encodes a native typed array as big-endian bytes. */
export function encodeBigEndian(data: NumericArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  if (LITTLE_ENDIAN_HOST && data.BYTES_PER_ELEMENT > 1) swapInPlace(bytes, data.BYTES_PER_ELEMENT);
  return bytes;
}

/**
 * Applies the FITS unsigned-integer convention (BZERO/TZERO of −128, 2^15, 2^31, 2^63) to raw signed values by
 * flipping the sign bit, as astropy does: 8-bit → Int8Array, 16 → Uint16Array, 32 → Uint32Array, 64 → BigUint64Array.
 */
export function applyUnsignedOffset(raw: NumericArray, bits: 8 | 16 | 32 | 64): NumericArray {
  switch (bits) {
    case 8: {
      const out = new Int8Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = (raw[i] as number) - 128;
      return out;
    }
    case 16: {
      const out = new Uint16Array(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < out.length; i++) out[i] ^= 0x8000;
      return out;
    }
    case 32: {
      const out = new Uint32Array(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] ^ 0x80000000) >>> 0;
      return out;
    }
    default: {
      const out = new BigUint64Array(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < out.length; i++) out[i] ^= 0x8000000000000000n;
      return out;
    }
  }
}
