import { type ByteSource, concatBytes, memorySource, READ_AHEAD_BYTES } from './byte-source.js';
import { FitsFormatError, FitsHeaderError, FitsLimitError, FitsTruncatedError } from './errors.js';
import { BLOCK, CARD, type Header, isEndCard, MAX_HEADER_BYTES, parseHeader } from './header.js';
import type { FitsIssue } from './issues.js';

/** What kind of HDU a header describes. */
export type HduType = 'primary' | 'image' | 'bintable' | 'table' | 'compressed-image' | 'unknown';

/** The structure of one HDU: its header and where its data lies; nothing is decoded yet. */
export interface HduLayout {
  index: number;
  type: HduType;
  header: Header;
  /** EXTNAME, or 'PRIMARY' for HDU 0, or ''. */
  name: string;
  bitpix: number;
  /** NAXIS1..NAXISn in FITS order (fastest-varying first). */
  axes: number[];
  pcount: number;
  gcount: number;
  headerOffset: number;
  dataOffset: number;
  /** Bytes of data declared by the header (without the padding to 2880). */
  dataBytes: number;
}

const BITPIX_VALUES = new Set([8, 16, 32, 64, -32, -64]);
/** Trailing bytes looked at to tell padding from garbage after the last HDU. */
const TRAILING_CHECK_BYTES = 64 * BLOCK;
/** Header blocks read at once from a file (one read-ahead window of a file source). */
const HEADER_READ_BLOCKS = READ_AHEAD_BYTES / BLOCK;

/**
 * A header read from a ByteSource: a few blocks at a time until the END card, then parsed as in memory; `end` is
 * the absolute offset of the data. A header longer than MAX_HEADER_BYTES without END is a typed error.
 */
function parseHeaderFrom(
  source: ByteSource,
  offset: number,
  index: number,
  issues: FitsIssue[],
  file: string | undefined,
): { header: Header; end: number } {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const chunk = source.read(offset + length, HEADER_READ_BLOCKS * BLOCK);
    const whole = chunk.length - (chunk.length % BLOCK);
    if (whole > 0) {
      parts.push(chunk.subarray(0, whole));
      length += whole;
      // Whole blocks only: the new chunk's cards are the ones not yet looked at.
      for (let c = 0; c < whole; c += CARD) if (isEndCard(chunk, c)) return parsed(parts, length);
    }
    if (whole < HEADER_READ_BLOCKS * BLOCK) return parsed(parts, length); // end of file: parseHeader reports it
    if (length >= MAX_HEADER_BYTES)
      throw new FitsLimitError(`header of HDU ${index} runs past ${MAX_HEADER_BYTES} bytes without END`, {
        file,
        hdu: index,
      });
  }
  function parsed(chunks: Uint8Array[], total: number) {
    const bytes = chunks.length === 1 ? chunks[0] : concatBytes(chunks, total);
    const { header, end } = parseHeader(bytes, 0, index, issues, file);
    return { header, end: offset + end };
  }
}

const MAX_HDUS = 10000;

/**
 * Finds the HDUs of a FITS file one at a time, in file order, checking each one's declared sizes against the bytes
 * present; a reader that needs only the first few never reads the headers after them. Reads only headers from a
 * ByteSource (the data of each HDU is skipped by its declared size); bytes in memory are scanned in place.
 */
export class HduScanner {
  readonly #input: Uint8Array | ByteSource;
  readonly #source: ByteSource;
  readonly #file: string | undefined;
  readonly #issues: FitsIssue[];
  #offset = 0;
  #index = 0;
  #done = false;

  constructor(input: Uint8Array | ByteSource, file: string | undefined, issues: FitsIssue[]) {
    this.#input = input;
    this.#source = input instanceof Uint8Array ? memorySource(input) : input;
    this.#file = file;
    this.#issues = issues;
    const size = this.#source.length;
    if (size < BLOCK || !startsWith(this.#source.read(0, 9), 0, 'SIMPLE  =')) {
      throw new FitsFormatError(
        size < BLOCK
          ? `not a FITS file: ${size} bytes, shorter than one 2880-byte block`
          : 'not a FITS file: it does not start with SIMPLE =',
        { file, offset: 0 },
      );
    }
  }

  /** The next HDU, or undefined after the last (and on every call after that). */
  next(): HduLayout | undefined {
    if (this.#done) return undefined;
    const source = this.#source;
    const size = source.length;
    const offset = this.#offset;
    const index = this.#index;
    const file = this.#file;
    const issues = this.#issues;
    if (offset >= size) {
      this.#done = true;
      return undefined;
    }
    if (index > 0 && !startsWith(source.read(offset, 9), 0, 'XTENSION=')) {
      if (isBlank(source.read(offset, TRAILING_CHECK_BYTES), 0)) {
        issues.push({
          code: 'SPECTRA_FITS_TRAILING_PADDING',
          message: `${size - offset} blank bytes after the last HDU`,
        });
      } else {
        issues.push({
          code: 'SPECTRA_FITS_TRAILING_BYTES',
          message: `${size - offset} bytes after the last HDU are not an extension header and were ignored`,
        });
      }
      this.#done = true;
      return undefined;
    }
    if (index >= MAX_HDUS) throw new FitsLimitError(`more than ${MAX_HDUS} HDUs`, { file, offset });
    const { header, end } =
      this.#input instanceof Uint8Array
        ? parseHeader(this.#input, offset, index, issues, file)
        : parseHeaderFrom(source, offset, index, issues, file);
    const layout = describeHdu(header, index, offset, end, file, issues);
    const available = size - layout.dataOffset;
    if (layout.dataBytes > available) {
      throw new FitsTruncatedError(
        `data declared as ${layout.dataBytes} bytes but only ${Math.max(0, available)} remain: file cut short`,
        { file, hdu: index, offset: layout.dataOffset },
      );
    }
    const padded = Math.ceil(layout.dataBytes / BLOCK) * BLOCK;
    if (layout.dataOffset + padded > size) {
      issues.push({
        code: 'SPECTRA_FITS_MISSING_PADDING',
        message: 'last data unit is not padded to 2880 bytes',
        hdu: index,
      });
    }
    this.#offset = layout.dataOffset + padded;
    this.#index = index + 1;
    return layout;
  }
}

/** The layout a parsed header declares (type, axes, data size), checked; throws typed errors for bad sizes. */
export function describeHdu(
  header: Header,
  index: number,
  headerOffset: number,
  dataOffset: number,
  file: string | undefined,
  issues: FitsIssue[],
): HduLayout {
  const where = { file, hdu: index };
  const bitpix = header.peek('BITPIX');
  if (typeof bitpix !== 'number' || !BITPIX_VALUES.has(bitpix)) {
    throw new FitsHeaderError(`invalid BITPIX ${String(bitpix)}`, where);
  }
  const naxis = header.peek('NAXIS');
  if (typeof naxis !== 'number' || !Number.isInteger(naxis) || naxis < 0 || naxis > 999) {
    throw new FitsHeaderError(`invalid NAXIS ${String(naxis)}`, where);
  }
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) {
    const length = header.peek(`NAXIS${i}`);
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      throw new FitsHeaderError(`invalid NAXIS${i} ${String(length)}`, where);
    }
    axes.push(length);
  }
  let type: HduType = 'primary';
  let pcount = 0;
  let gcount = 1;
  if (index > 0) {
    const xtension = peekString(header, 'XTENSION')?.trim().toUpperCase();
    type =
      xtension === 'IMAGE'
        ? 'image'
        : xtension === 'BINTABLE' || xtension === 'A3DTABLE'
          ? 'bintable'
          : xtension === 'TABLE'
            ? 'table'
            : 'unknown';
    if (type === 'unknown')
      issues.push({ code: 'SPECTRA_FITS_UNKNOWN_XTENSION', message: `XTENSION '${xtension}'`, hdu: index });
    pcount = countKeyword(header, 'PCOUNT', 0, where);
    gcount = countKeyword(header, 'GCOUNT', 1, where);
    if (type === 'bintable' && header.peek('ZIMAGE') === true) type = 'compressed-image';
  } else if (header.peek('SIMPLE') !== true) {
    issues.push({
      code: 'SPECTRA_FITS_NOT_SIMPLE',
      message: 'SIMPLE = F: file does not conform to the standard',
      hdu: 0,
    });
  } else if (header.peek('GROUPS') === true && axes[0] === 0) {
    pcount = countKeyword(header, 'PCOUNT', 0, where);
    gcount = countKeyword(header, 'GCOUNT', 1, where);
  }
  let elements = naxis === 0 ? 0 : 1;
  const groups = index === 0 && header.peek('GROUPS') === true && axes[0] === 0;
  for (let i = groups ? 1 : 0; i < axes.length; i++) elements *= axes[i];
  const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (!Number.isSafeInteger(dataBytes)) {
    throw new FitsLimitError(`declared data size ${dataBytes} bytes is not representable`, where);
  }
  const name = peekString(header, 'EXTNAME')?.trim() ?? (index === 0 ? 'PRIMARY' : '');
  return { index, type, header, name, bitpix, axes, pcount, gcount, headerOffset, dataOffset, dataBytes };
}

function countKeyword(
  header: Header,
  keyword: string,
  fallback: number,
  where: { file?: string; hdu: number },
) {
  const value = header.peek(keyword);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new FitsHeaderError(`invalid ${keyword} ${String(value)}`, where);
  }
  return value;
}

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function isBlank(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < bytes.length; i++) if (bytes[i] !== 0 && bytes[i] !== 0x20) return false;
  return true;
}

function peekString(header: Header, keyword: string): string | undefined {
  const value = header.peek(keyword);
  return typeof value === 'string' ? value : undefined;
}
