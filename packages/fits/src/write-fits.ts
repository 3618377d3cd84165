import { encodeBigEndian, type NumericArray } from './big-endian.js';
import { concatBytes } from './byte-source.js';
import { FitsWriteError } from './errors.js';
import { type CardInput, formatCard } from './format-card.js';
import { BLOCK } from './header.js';

/** An image HDU to write; the first HDU written is always the primary. */
export interface ImageHduInput {
  type: 'image';
  /** Pixels, NAXIS1 fastest; the typed array's type chooses BITPIX (unsigned types get the BZERO convention). */
  data?: NumericArray;
  /** NAXIS1..NAXISn (FITS order); defaults to `[data.length]`. */
  axes?: number[];
  /** EXTNAME. */
  name?: string;
  /** Extra cards, written after the structural ones. */
  header?: CardInput[];
}

/** A binary-table column to write. */
export interface ColumnInput {
  name: string;
  /**
   * Values, row-major: a typed array (`repeat` values per row), strings (one per row), booleans
   * (`L`), or one typed array per row for a variable-length (`P`) column.
   */
  data: NumericArray | string[] | boolean[] | NumericArray[];
  /** Elements per row for fixed-width columns; defaults to data.length / rows (string width: the longest). */
  repeat?: number;
  /** Write a Float32Array/Float64Array with pairs (re, im) as complex `C`/`M`. */
  complex?: boolean;
  unit?: string;
  /** TDIM, FITS order. */
  dim?: number[];
}

/** A binary-table HDU to write. */
export interface TableHduInput {
  type: 'bintable';
  name?: string;
  /** Number of rows; defaults to the first column's length / repeat. */
  rows?: number;
  columns: ColumnInput[];
  header?: CardInput[];
}

export type HduInput = ImageHduInput | TableHduInput;

const STRUCTURAL = new Set([
  'SIMPLE',
  'XTENSION',
  'BITPIX',
  'NAXIS',
  'EXTEND',
  'PCOUNT',
  'GCOUNT',
  'TFIELDS',
  'END',
  'BZERO',
  'BSCALE',
  'EXTNAME',
  'THEAP',
]);
const STRUCTURAL_PATTERN = /^(NAXIS\d+|TTYPE\d+|TFORM\d+|TUNIT\d+|TDIM\d+|TZERO\d+|TSCAL\d+|TNULL\d+)$/;

/** Writes HDUs to FITS bytes. A table given first gets an empty primary HDU before it. */
export function writeFits(hdus: HduInput[]): Uint8Array {
  const list = hdus[0]?.type === 'image' ? hdus : [{ type: 'image' } as ImageHduInput, ...hdus];
  const parts: Uint8Array[] = [];
  list.forEach((hdu, index) => {
    const { cards, data } = hdu.type === 'image' ? encodeImage(hdu, index) : encodeTable(hdu, index);
    parts.push(headerBytes(cards), padded(data, 0));
  });
  return concatBytes(parts);
}

interface Encoded {
  cards: CardInput[];
  data: Uint8Array;
}

const IMAGE_TYPES: Array<[new (...args: never[]) => NumericArray, number, number | bigint | undefined]> = [
  [Uint8Array, 8, undefined],
  [Int8Array, 8, -128],
  [Int16Array, 16, undefined],
  [Uint16Array, 16, 32768],
  [Int32Array, 32, undefined],
  [Uint32Array, 32, 2147483648],
  [BigInt64Array, 64, undefined],
  [BigUint64Array, 64, 2n ** 63n],
  [Float32Array, -32, undefined],
  [Float64Array, -64, undefined],
];

function encodeImage(hdu: ImageHduInput, index: number): Encoded {
  const data = hdu.data;
  const axes = hdu.axes ?? (data ? [data.length] : []);
  const count = axes.length ? axes.reduce((a, b) => a * b, 1) : 0;
  if ((data?.length ?? 0) !== count) {
    throw new FitsWriteError(
      `image HDU ${index}: ${data?.length ?? 0} values do not fill axes [${axes.join(', ')}]`,
    );
  }
  const entry = data ? IMAGE_TYPES.find(([type]) => data instanceof type) : undefined;
  const bitpix = entry?.[1] ?? 8;
  const bzero = entry?.[2];
  const cards: CardInput[] = [
    index === 0
      ? { keyword: 'SIMPLE', value: true, comment: 'conforms to FITS standard' }
      : { keyword: 'XTENSION', value: 'IMAGE' },
    { keyword: 'BITPIX', value: bitpix },
    { keyword: 'NAXIS', value: axes.length },
    ...axes.map((length, i) => ({ keyword: `NAXIS${i + 1}`, value: length })),
  ];
  if (index === 0) cards.push({ keyword: 'EXTEND', value: true });
  else cards.push({ keyword: 'PCOUNT', value: 0 }, { keyword: 'GCOUNT', value: 1 });
  if (bzero !== undefined) cards.push({ keyword: 'BSCALE', value: 1 }, { keyword: 'BZERO', value: bzero });
  if (hdu.name) cards.push({ keyword: 'EXTNAME', value: hdu.name });
  cards.push(...userCards(hdu.header, index));
  return { cards, data: data ? encodeValues(data, bitpix === 8 && bzero !== undefined) : new Uint8Array(0) };
}

const TABLE_TYPES: Array<[new (...args: never[]) => NumericArray, string, number | bigint | undefined]> = [
  [Uint8Array, 'B', undefined],
  [Int8Array, 'B', -128],
  [Int16Array, 'I', undefined],
  [Uint16Array, 'I', 32768],
  [Int32Array, 'J', undefined],
  [Uint32Array, 'J', 2147483648],
  [BigInt64Array, 'K', undefined],
  [BigUint64Array, 'K', 2n ** 63n],
  [Float32Array, 'E', undefined],
  [Float64Array, 'D', undefined],
];
const WIDTH: Record<string, number> = { B: 1, I: 2, J: 4, K: 8, E: 4, D: 8, C: 8, M: 16, L: 1 };

interface PlannedColumn {
  input: ColumnInput;
  letter: string;
  repeat: number;
  bytes: number;
  zero?: number | bigint;
  variable: boolean;
}

function encodeTable(hdu: TableHduInput, index: number): Encoded {
  const first = hdu.columns[0];
  const rows = hdu.rows ?? (first ? inferRows(first) : 0);
  const planned = hdu.columns.map((column) => planColumn(column, rows, index));
  const rowBytes = planned.reduce((n, c) => n + c.bytes, 0);
  const heapParts: Uint8Array[] = [];
  let heapSize = 0;
  const table = new Uint8Array(rowBytes * rows);
  const view = new DataView(table.buffer);
  let offset = 0;
  for (const column of planned) {
    const { input } = column;
    if (column.variable) {
      const perRow = input.data as NumericArray[];
      for (let r = 0; r < rows; r++) {
        const bytes = encodeValues(perRow[r], false);
        view.setInt32(r * rowBytes + offset, perRow[r].length);
        view.setInt32(r * rowBytes + offset + 4, heapSize);
        heapParts.push(bytes);
        heapSize += bytes.length;
      }
    } else if (column.letter === 'A') {
      const strings = input.data as string[];
      for (let r = 0; r < rows; r++) {
        const text = strings[r] ?? '';
        for (let k = 0; k < column.repeat; k++)
          table[r * rowBytes + offset + k] = k < text.length ? text.charCodeAt(k) : 0x20;
      }
    } else if (column.letter === 'L') {
      const values = input.data as boolean[];
      for (let r = 0; r < rows * column.repeat; r++) {
        const row = Math.floor(r / column.repeat);
        table[row * rowBytes + offset + (r % column.repeat)] = values[r] ? 0x54 : 0x46;
      }
    } else {
      const encoded = encodeValues(
        input.data as NumericArray,
        column.letter === 'B' && column.zero !== undefined,
      );
      for (let r = 0; r < rows; r++) {
        table.set(encoded.subarray(r * column.bytes, (r + 1) * column.bytes), r * rowBytes + offset);
      }
    }
    offset += column.bytes;
  }
  const cards: CardInput[] = [
    { keyword: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension' },
    { keyword: 'BITPIX', value: 8 },
    { keyword: 'NAXIS', value: 2 },
    { keyword: 'NAXIS1', value: rowBytes, comment: 'bytes per row' },
    { keyword: 'NAXIS2', value: rows, comment: 'rows' },
    { keyword: 'PCOUNT', value: heapSize, comment: 'heap bytes' },
    { keyword: 'GCOUNT', value: 1 },
    { keyword: 'TFIELDS', value: planned.length },
  ];
  planned.forEach((column, i) => {
    const n = i + 1;
    const { input } = column;
    const format = column.variable
      ? `1P${column.letter}(${Math.max(0, ...(input.data as NumericArray[]).map((a) => a.length))})`
      : `${column.repeat}${column.letter}`;
    cards.push({ keyword: `TTYPE${n}`, value: input.name }, { keyword: `TFORM${n}`, value: format });
    if (input.unit) cards.push({ keyword: `TUNIT${n}`, value: input.unit });
    if (input.dim) cards.push({ keyword: `TDIM${n}`, value: `(${input.dim.join(',')})` });
    if (column.zero !== undefined)
      cards.push({ keyword: `TSCAL${n}`, value: 1 }, { keyword: `TZERO${n}`, value: column.zero });
  });
  if (hdu.name) cards.push({ keyword: 'EXTNAME', value: hdu.name });
  cards.push(...userCards(hdu.header, index));
  const data = new Uint8Array(table.length + heapSize);
  data.set(table, 0);
  let at = table.length;
  for (const part of heapParts) {
    data.set(part, at);
    at += part.length;
  }
  return { cards, data };
}

function inferRows(column: ColumnInput): number {
  const data = column.data;
  if (
    Array.isArray(data) &&
    (data.length === 0 || typeof data[0] === 'string' || typeof data[0] === 'object')
  )
    return data.length;
  return Math.floor(data.length / (column.repeat ?? 1));
}

function planColumn(input: ColumnInput, rows: number, index: number): PlannedColumn {
  const { data } = input;
  const where = `table HDU ${index}, column '${input.name}'`;
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object') {
    const arrays = data as NumericArray[];
    if (arrays.length !== rows)
      throw new FitsWriteError(`${where}: ${arrays.length} row arrays for ${rows} rows`);
    const entry = TABLE_TYPES.find(([type]) => arrays[0] instanceof type);
    if (!entry || entry[2] !== undefined || arrays.some((a) => a.constructor !== arrays[0].constructor)) {
      throw new FitsWriteError(`${where}: variable-length columns need signed typed arrays of one type`);
    }
    return { input, letter: entry[1], repeat: 1, bytes: 8, variable: true };
  }
  if (Array.isArray(data) && (data.length === 0 || typeof data[0] === 'string')) {
    const strings = data as string[];
    if (strings.length !== rows)
      throw new FitsWriteError(`${where}: ${strings.length} strings for ${rows} rows`);
    for (const s of strings) {
      if (/[^\x20-\x7e]/.test(s)) throw new FitsWriteError(`${where}: strings must be printable ASCII`);
    }
    const repeat = input.repeat ?? Math.max(1, ...strings.map((s) => s.length));
    return { input, letter: 'A', repeat, bytes: repeat, variable: false };
  }
  if (Array.isArray(data)) {
    const repeat = input.repeat ?? (rows ? data.length / rows : 1);
    checkRepeat(repeat, data.length, rows, where);
    return { input, letter: 'L', repeat, bytes: repeat, variable: false };
  }
  const numeric = data as NumericArray;
  const entry = TABLE_TYPES.find(([type]) => numeric instanceof type);
  if (!entry) throw new FitsWriteError(`${where}: unsupported data type`);
  let letter = entry[1];
  let perRow = input.repeat ?? (rows ? numeric.length / rows : input.complex ? 2 : 1);
  checkRepeat(perRow, numeric.length, rows, where);
  if (input.complex) {
    if (letter !== 'E' && letter !== 'D')
      throw new FitsWriteError(`${where}: complex columns need float data`);
    letter = letter === 'E' ? 'C' : 'M';
    if (perRow % 2 !== 0) throw new FitsWriteError(`${where}: complex data needs (re, im) pairs`);
    perRow /= 2;
  }
  return { input, letter, repeat: perRow, bytes: perRow * WIDTH[letter], zero: entry[2], variable: false };
}

function checkRepeat(repeat: number, length: number, rows: number, where: string): void {
  if (!Number.isInteger(repeat) || repeat < 0 || repeat * rows !== length) {
    throw new FitsWriteError(`${where}: ${length} values do not split into ${rows} rows`);
  }
}

function encodeValues(data: NumericArray, flipInt8: boolean): Uint8Array {
  if (data instanceof Uint16Array) return encodeBigEndian(flip(new Uint16Array(data), 0x8000));
  if (data instanceof Uint32Array) {
    const copy = new Uint32Array(data.length);
    for (let i = 0; i < data.length; i++) copy[i] = (data[i] ^ 0x80000000) >>> 0;
    return encodeBigEndian(copy);
  }
  if (data instanceof BigUint64Array) {
    const copy = new BigUint64Array(data.length);
    for (let i = 0; i < data.length; i++) copy[i] = data[i] ^ 0x8000000000000000n;
    return encodeBigEndian(copy);
  }
  if (flipInt8) {
    const copy = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) copy[i] = (data[i] as number) + 128;
    return copy;
  }
  return encodeBigEndian(data);
}

function flip(data: Uint16Array, mask: number): Uint16Array {
  for (let i = 0; i < data.length; i++) data[i] ^= mask;
  return data;
}

function userCards(cards: CardInput[] | undefined, index: number): CardInput[] {
  for (const card of cards ?? []) {
    const keyword = card.keyword.toUpperCase();
    if (STRUCTURAL.has(keyword) || STRUCTURAL_PATTERN.test(keyword)) {
      throw new FitsWriteError(`HDU ${index}: ${keyword} is set by the writer from the data; do not pass it`);
    }
  }
  return cards ?? [];
}

function headerBytes(cards: CardInput[]): Uint8Array {
  const images = cards.flatMap(formatCard);
  images.push('END'.padEnd(80));
  const text = images.join('');
  const size = Math.ceil(text.length / BLOCK) * BLOCK;
  const out = new Uint8Array(size).fill(0x20);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function padded(data: Uint8Array, fill: number): Uint8Array {
  const size = Math.ceil(data.length / BLOCK) * BLOCK;
  if (size === data.length) return data;
  const out = new Uint8Array(size).fill(fill);
  out.set(data);
  return out;
}
