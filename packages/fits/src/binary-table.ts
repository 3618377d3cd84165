import { applyUnsignedOffset, decodeContiguous, decodeStrided, type NumericArray } from './big-endian.js';
import type { Card, HeaderValue } from './card.js';
import { type DecodeBudget, stringCost, TYPED_ARRAY_OVERHEAD } from './decode-budget.js';
import { FitsHeaderError, FitsMissingError, FitsTruncatedError } from './errors.js';
import type { Header } from './header.js';
import type { FitsIssue } from './issues.js';
import type { HduLayout } from './scan-hdus.js';
import { parseTform, TFORM_BYTES, TFORM_ELEMENT, type Tform } from './tform.js';

/** Description of one binary-table column. */
export interface ColumnInfo {
  /** TTYPEn, as written (case kept). */
  name: string;
  /** TFORMn as written. */
  format: string;
  tform: Tform;
  /** Byte offset of the column inside a row. */
  offset: number;
  unit?: string;
  /** TDIMn, FITS order (fastest first). */
  dim?: number[];
  scale: number;
  zero: number | bigint;
  tnull?: number | bigint;
}

/**
 * Decoded column data. Numeric columns are one typed array (row-major: `repeat` values per row);
 * `A` columns are one string per row (or per TDIM cell); L columns are Int8Array 1/0/-1 (true/false/null);
 * X columns are Uint8Array with one 0/1 per bit; C/M are interleaved (re, im); P/Q are one array per row.
 */
export type ColumnData = NumericArray | string[] | Array<NumericArray | string>;

/** One value of a row: a scalar for single-element columns, otherwise the row's slice. */
export type CellValue = number | bigint | string | string[] | boolean | null | NumericArray;

const UNSIGNED_TZERO: Record<string, number | bigint> = { B: -128, I: 32768, J: 2147483648, K: 2n ** 63n };
const UNSIGNED_BITS: Record<string, 8 | 16 | 32 | 64> = { B: 8, I: 16, J: 32, K: 64 };
const latin1 = new TextDecoder('latin1');

/** A binary table HDU whose columns are decoded on first use and cached. */
export class BinaryTable {
  readonly rows: number;
  readonly rowBytes: number;
  readonly columns: readonly ColumnInfo[];
  readonly #bytes: Uint8Array;
  readonly #layout: HduLayout;
  readonly #file?: string;
  readonly #cache = new Map<string, ColumnData>();
  readonly #byName = new Map<string, ColumnInfo>();
  readonly #heapOffset: number;
  readonly #heapBytes: number;
  readonly #budget?: DecodeBudget;

  /** `budget`: the file's decode budget, charged before each column is allocated (none: unlimited). */
  constructor(
    bytes: Uint8Array,
    layout: HduLayout,
    issues: FitsIssue[],
    file?: string,
    budget?: DecodeBudget,
  ) {
    const where = { file, hdu: layout.index };
    if (layout.axes.length !== 2)
      throw new FitsHeaderError(`binary table with NAXIS ${layout.axes.length} (must be 2)`, where);
    if (layout.bitpix !== 8)
      throw new FitsHeaderError(`binary table with BITPIX ${layout.bitpix} (must be 8)`, where);
    this.#bytes = bytes;
    this.#layout = layout;
    this.#file = file;
    this.#budget = budget;
    this.rowBytes = layout.axes[0];
    this.rows = layout.axes[1];
    this.columns = parseColumns(layout, issues, file);
    for (const info of this.columns) {
      const key = info.name.toUpperCase();
      if (!this.#byName.has(key)) this.#byName.set(key, info);
    }
    const theap = layout.header.integer('THEAP') ?? this.rowBytes * this.rows;
    if (theap < this.rowBytes * this.rows || theap > layout.dataBytes) {
      throw new FitsHeaderError(
        `THEAP ${theap} lies outside the data after the table (${this.rowBytes * this.rows}..${layout.dataBytes})`,
        { ...where, card: 'THEAP' },
      );
    }
    this.#heapOffset = layout.dataOffset + theap;
    this.#heapBytes = layout.dataOffset + layout.dataBytes - this.#heapOffset;
  }

  /** Column names in order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** The column info for a name (case-insensitive) or zero-based index, or undefined. */
  info(column: string | number): ColumnInfo | undefined {
    if (typeof column === 'number') return this.columns[column];
    return this.#byName.get(column.toUpperCase());
  }

  /** True when the table has this column (case-insensitive). */
  has(column: string): boolean {
    return this.info(column) !== undefined;
  }

  /** Decodes one whole column; throws FitsMissingError when it does not exist. */
  column(column: string | number): ColumnData {
    const info = this.info(column);
    if (!info) {
      throw new FitsMissingError(`no column '${column}' (columns: ${this.names.join(', ')})`, {
        file: this.#file,
        hdu: this.#layout.index,
      });
    }
    let data = this.#cache.get(info.name);
    if (!data) {
      this.#budget?.charge(
        this.#cost(info, this.rows),
        `column '${info.name}' (${this.rows} rows of ${info.format})`,
        this.#where(),
      );
      data = this.#decodeRows(info, 0, this.rows);
      this.#cache.set(info.name, data);
    }
    return data;
  }

  /**
   * One row as a plain object keyed by column name; reads only that row's bytes (no whole column is decoded).
   * `columns`: only these columns (names, case-insensitive; absent ones are left out). Default: every column.
   */
  row(index: number, columns?: Iterable<string>): Record<string, CellValue> {
    if (!Number.isInteger(index) || index < 0 || index >= this.rows) {
      throw new FitsMissingError(`row ${index} out of range 0..${this.rows - 1}`, {
        file: this.#file,
        hdu: this.#layout.index,
      });
    }
    const out: Record<string, CellValue> = {};
    const wanted = columns
      ? [...columns].map((name) => this.info(name)).filter((info) => info !== undefined)
      : this.columns;
    for (const info of wanted) {
      const cached = this.#cache.get(info.name);
      out[info.name] = cached
        ? cell(cached, info, index, this.rows)
        : cell(this.#decodeRows(info, index, 1), info, 0, 1);
    }
    return out;
  }

  #where() {
    return { file: this.#file, hdu: this.#layout.index };
  }

  /** What decoding a fixed-width column will allocate, in bytes (charged before it is). */
  #cost(info: ColumnInfo, rows: number): number {
    const { tform } = info;
    switch (tform.type) {
      case 'A': {
        const cell = stringCell(tform.repeat, info.dim);
        return rows * (cell === 0 ? 1 : tform.repeat / cell) * stringCost(cell);
      }
      case 'L':
      case 'X':
        return rows * tform.repeat;
      case 'P':
      case 'Q':
        return rows * (TYPED_ARRAY_OVERHEAD + 16);
      default: {
        const perRow = tform.type === 'C' || tform.type === 'M' ? tform.repeat * 2 : tform.repeat;
        const scaled = info.scale !== 1 || Number(info.zero) !== 0;
        return rows * perRow * (TFORM_BYTES[tform.type] / (perRow > tform.repeat ? 2 : 1) + (scaled ? 8 : 0));
      }
    }
  }

  /** Decodes `rows` rows of a column from row `first` on. */
  #decodeRows(info: ColumnInfo, first: number, rows: number): ColumnData {
    const { tform } = info;
    const start = this.#layout.dataOffset + info.offset + first * this.rowBytes;
    if (tform.repeat === 0 && tform.type !== 'A') return this.#empty(info);
    switch (tform.type) {
      case 'A':
        return decodeStrings(this.#bytes, start, rows, this.rowBytes, tform.repeat, info.dim);
      case 'L': {
        const out = new Int8Array(rows * tform.repeat);
        for (let r = 0; r < rows; r++) {
          for (let k = 0; k < tform.repeat; k++)
            out[r * tform.repeat + k] = logical(this.#bytes[start + r * this.rowBytes + k]);
        }
        return out;
      }
      case 'X': {
        const out = new Uint8Array(rows * tform.repeat);
        for (let r = 0; r < rows; r++) {
          for (let bit = 0; bit < tform.repeat; bit++) {
            const byte = this.#bytes[start + r * this.rowBytes + (bit >> 3)];
            out[r * tform.repeat + bit] = (byte >> (7 - (bit & 7))) & 1;
          }
        }
        return out;
      }
      case 'P':
      case 'Q':
        return this.#decodeVariable(info, start, rows);
      default: {
        const element = TFORM_ELEMENT[tform.type]!;
        const perRow = tform.type === 'C' || tform.type === 'M' ? tform.repeat * 2 : tform.repeat;
        const raw = decodeStrided(this.#bytes, start, rows, this.rowBytes, perRow, element);
        return applyScaling(raw, info);
      }
    }
  }

  /** A column of zero-width cells: nothing to read, whatever the row count. */
  #empty(info: ColumnInfo): ColumnData {
    const { type } = info.tform;
    if (type === 'L') return new Int8Array(0);
    if (type === 'X') return new Uint8Array(0);
    if (type === 'P' || type === 'Q') return [];
    return decodeContiguous(this.#bytes, 0, 0, TFORM_ELEMENT[type]!);
  }

  #decodeVariable(info: ColumnInfo, start: number, rows: number): ColumnData {
    const { tform } = info;
    const heapType = tform.heapType!;
    const descriptor = decodeStrided(
      this.#bytes,
      start,
      rows,
      this.rowBytes,
      2,
      tform.type === 'P' ? 'i32' : 'i64',
    );
    // Every descriptor is checked, and what the rows will decode to is charged, before any row is decoded: rows
    // that all point at one large heap area cannot multiply it.
    const elementBytes = heapType === 'X' ? 1 / 8 : TFORM_BYTES[heapType];
    const decodedBytes = heapType === 'A' ? 0 : heapType === 'L' || heapType === 'X' ? 1 : elementBytes;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const count = Number(descriptor[2 * r]);
      const offset = Number(descriptor[2 * r + 1]);
      const length = Math.ceil(count * elementBytes);
      if (count < 0 || offset < 0 || offset + length > this.#heapBytes) {
        throw new FitsTruncatedError(
          `variable-length column '${info.name}' row ${r} points outside the heap (count ${count}, offset ${offset}, heap ${this.#heapBytes} bytes)`,
          this.#where(),
        );
      }
      total += heapType === 'A' ? stringCost(count) : count * decodedBytes;
    }
    this.#budget?.charge(total, `the heap arrays of column '${info.name}'`, this.#where());
    const out: Array<NumericArray | string> = [];
    for (let r = 0; r < rows; r++) {
      const count = Number(descriptor[2 * r]);
      const offset = Number(descriptor[2 * r + 1]);
      const at = this.#heapOffset + offset;
      if (heapType === 'A') {
        out.push(trimString(latin1.decode(this.#bytes.subarray(at, at + count))));
      } else if (heapType === 'L' || heapType === 'X') {
        const values = new Int8Array(count);
        for (let k = 0; k < count; k++) {
          values[k] =
            heapType === 'L'
              ? logical(this.#bytes[at + k])
              : (this.#bytes[at + (k >> 3)] >> (7 - (k & 7))) & 1;
        }
        out.push(values);
      } else {
        const perElement = heapType === 'C' || heapType === 'M' ? 2 : 1;
        const raw = decodeContiguous(this.#bytes, at, count * perElement, TFORM_ELEMENT[heapType]!);
        out.push(applyScaling(raw, info) as NumericArray);
      }
    }
    return out;
  }
}

/** The column keywords of a binary-table header, by keyword and column number (the first card of each wins). */
type ColumnKeywords = Record<(typeof COLUMN_KEYWORDS)[number], Map<number, HeaderValue>>;
const COLUMN_KEYWORDS = ['TTYPE', 'TFORM', 'TUNIT', 'TDIM', 'TSCAL', 'TZERO', 'TNULL'] as const;
const COLUMN_KEYWORD = /^(TTYPE|TFORM|TUNIT|TDIM|TSCAL|TZERO|TNULL)([1-9]\d{0,2})$/;

/** One pass over the cards, instead of a look-up per keyword and column (a SPALL table has 230 columns). */
function columnKeywords(header: Header): ColumnKeywords {
  const out = Object.fromEntries(COLUMN_KEYWORDS.map((k) => [k, new Map()])) as ColumnKeywords;
  for (const card of header.cards) {
    if (card.value === null || card.keyword.charCodeAt(0) !== 0x54) continue;
    const match = COLUMN_KEYWORD.exec(card.keyword);
    if (!match) continue;
    const byColumn = out[match[1] as keyof ColumnKeywords];
    const column = Number(match[2]);
    if (!byColumn.has(column)) byColumn.set(column, card.value);
  }
  return out;
}

/**
 * The columns of tables whose header cards were parsed before, by those cards: files of one survey release repeat
 * whole headers (Header shares their cards), so the 230 columns of a release's SPALL header are described once, with
 * the issues that raised, which each table still reports as its own. Column descriptions are frozen (shared).
 */
const columnsOfCards = new WeakMap<
  readonly Card[],
  { columns: readonly ColumnInfo[]; issues: Omit<FitsIssue, 'hdu'>[] }
>();

function parseColumns(layout: HduLayout, issues: FitsIssue[], file?: string): readonly ColumnInfo[] {
  const cards = layout.header.cards;
  let known = columnsOfCards.get(cards);
  if (!known) {
    const raised: FitsIssue[] = [];
    const columns = describeColumns(layout, raised, file);
    for (const info of columns) {
      if (info.dim) Object.freeze(info.dim);
      Object.freeze(info);
    }
    known = { columns: Object.freeze(columns), issues: raised.map(({ hdu: _, ...issue }) => issue) };
    columnsOfCards.set(cards, known);
  }
  for (const issue of known.issues) issues.push({ ...issue, hdu: layout.index });
  return known.columns;
}

function describeColumns(layout: HduLayout, issues: FitsIssue[], file?: string): ColumnInfo[] {
  const { header } = layout;
  const where = { file, hdu: layout.index };
  const tfields = header.get('TFIELDS');
  if (typeof tfields !== 'number' || !Number.isInteger(tfields) || tfields < 0 || tfields > 999) {
    throw new FitsHeaderError(`invalid TFIELDS ${String(tfields)}`, where);
  }
  const keywords = columnKeywords(header);
  const text = (keyword: keyof ColumnKeywords, i: number) => {
    const value = keywords[keyword].get(i);
    return typeof value === 'string' ? value : undefined;
  };
  const columns: ColumnInfo[] = [];
  let offset = 0;
  for (let i = 1; i <= tfields; i++) {
    const format = text('TFORM', i);
    if (format === undefined) throw new FitsHeaderError(`missing TFORM${i}`, { ...where, card: `TFORM${i}` });
    const tform = parseTform(format);
    if (!tform)
      throw new FitsHeaderError(`cannot parse TFORM${i} '${format}'`, { ...where, card: `TFORM${i}` });
    const name = text('TTYPE', i)?.trim() || `col${i}`;
    const tdim = text('TDIM', i);
    const dim = tdim ? parseTdim(tdim) : undefined;
    if (tdim && !dim)
      issues.push({
        code: 'SPECTRA_FITS_BAD_TDIM',
        message: `cannot parse TDIM${i} '${tdim}'`,
        hdu: layout.index,
      });
    const zeroValue = keywords.TZERO.get(i);
    const tnullValue = keywords.TNULL.get(i);
    const scale = keywords.TSCAL.get(i);
    columns.push({
      name,
      format,
      tform,
      offset,
      unit: text('TUNIT', i)?.trim() || undefined,
      dim,
      scale: typeof scale === 'number' ? scale : typeof scale === 'bigint' ? Number(scale) : 1,
      zero: typeof zeroValue === 'number' || typeof zeroValue === 'bigint' ? zeroValue : 0,
      tnull: typeof tnullValue === 'number' || typeof tnullValue === 'bigint' ? tnullValue : undefined,
    });
    offset += tform.bytes;
  }
  if (offset > layout.axes[0]) {
    throw new FitsHeaderError(`columns need ${offset} bytes per row but NAXIS1 is ${layout.axes[0]}`, where);
  }
  if (offset < layout.axes[0]) {
    issues.push({
      code: 'SPECTRA_FITS_ROW_PADDING',
      message: `columns use ${offset} of ${layout.axes[0]} bytes per row`,
      hdu: layout.index,
    });
  }
  return columns;
}

function parseTdim(text: string): number[] | undefined {
  const match = /^\s*\(([\d\s,]+)\)\s*$/.exec(text);
  if (!match) return undefined;
  const dims = match[1].split(',').map((s) => Number(s.trim()));
  return dims.every((d) => Number.isInteger(d) && d >= 0) ? dims : undefined;
}

function applyScaling(raw: NumericArray, info: ColumnInfo): ColumnData {
  const { scale, zero, tnull } = info;
  const type = info.tform.heapType ?? info.tform.type;
  if (scale === 1 && Number(zero) === 0) return raw;
  if (scale === 1 && zero === UNSIGNED_TZERO[type] && tnull === undefined)
    return applyUnsignedOffset(raw, UNSIGNED_BITS[type]);
  const out = new Float64Array(raw.length);
  const z = Number(zero);
  const nullNumber = tnull === undefined ? undefined : Number(tnull);
  for (let i = 0; i < raw.length; i++) {
    const value = Number(raw[i]);
    out[i] = nullNumber !== undefined && value === nullNumber ? Number.NaN : value * scale + z;
  }
  return out;
}

function decodeStrings(
  bytes: Uint8Array,
  start: number,
  rows: number,
  rowBytes: number,
  width: number,
  dim?: number[],
): string[] {
  const cell = stringCell(width, dim);
  const perRow = cell === 0 ? 1 : width / cell;
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < perRow; k++) {
      const at = start + r * rowBytes + k * cell;
      out.push(trimString(latin1.decode(bytes.subarray(at, at + cell))));
    }
  }
  return out;
}

/** The width of one string cell of an A column: TDIM's first axis when it divides the width, else the width. */
function stringCell(width: number, dim?: number[]): number {
  return dim && dim.length >= 2 && dim[0] > 0 && width % dim[0] === 0 ? dim[0] : width;
}

/** Strips the trailing spaces and everything from the first NUL, as FITS strings require. */
function trimString(text: string): string {
  const nul = text.indexOf('\0');
  return (nul >= 0 ? text.slice(0, nul) : text).trimEnd();
}

function logical(byte: number): number {
  return byte === 0x54 ? 1 : byte === 0x46 ? 0 : -1;
}

function cell(data: ColumnData, info: ColumnInfo, row: number, rows: number): CellValue {
  const { tform } = info;
  if (tform.type === 'P' || tform.type === 'Q') return (data as Array<NumericArray | string>)[row];
  if (tform.type === 'A') {
    const strings = data as string[];
    const perRow = rows === 0 ? 1 : strings.length / rows;
    return perRow === 1 ? strings[row] : strings.slice(row * perRow, (row + 1) * perRow);
  }
  const perRow = tform.type === 'C' || tform.type === 'M' ? tform.repeat * 2 : tform.repeat;
  const array = data as NumericArray;
  if (perRow === 1) {
    const value = array[row];
    if (tform.type === 'L') return value === 1 ? true : value === 0 ? false : null;
    return value;
  }
  return array.subarray(row * perRow, (row + 1) * perRow);
}
