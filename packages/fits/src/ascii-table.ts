import { type DecodeBudget, stringCost } from './decode-budget.js';
import { FitsHeaderError, FitsMissingError } from './errors.js';
import type { HduLayout } from './scan-hdus.js';

/** One ASCII-table column: TBCOLn and TFORMn (Aw, Iw, Fw.d, Ew.d, Dw.d). */
export interface AsciiColumnInfo {
  name: string;
  format: string;
  /** Zero-based byte offset in the row. */
  start: number;
  width: number;
  kind: 'string' | 'number';
  unit?: string;
  tnull?: string;
}

const ASCII_TFORM = /^\s*([AIFED])(\d+)(?:\.(\d+))?\s*$/i;
const latin1 = new TextDecoder('latin1');

/** A FITS ASCII table (XTENSION = 'TABLE'): strings come back as strings, numbers as Float64Array. */
export class AsciiTable {
  readonly rows: number;
  readonly rowBytes: number;
  readonly columns: readonly AsciiColumnInfo[];
  readonly #bytes: Uint8Array;
  readonly #layout: HduLayout;
  readonly #file?: string;
  readonly #budget?: DecodeBudget;

  /** `budget`: the file's decode budget, charged before each column is allocated (none: unlimited). */
  constructor(bytes: Uint8Array, layout: HduLayout, file?: string, budget?: DecodeBudget) {
    const where = { file, hdu: layout.index };
    if (layout.axes.length !== 2)
      throw new FitsHeaderError(`ASCII table with NAXIS ${layout.axes.length} (must be 2)`, where);
    this.#bytes = bytes;
    this.#layout = layout;
    this.#file = file;
    this.#budget = budget;
    this.rowBytes = layout.axes[0];
    this.rows = layout.axes[1];
    const { header } = layout;
    const tfields = header.integer('TFIELDS');
    if (tfields === undefined || tfields < 0 || tfields > 999)
      throw new FitsHeaderError('invalid TFIELDS', where);
    const columns: AsciiColumnInfo[] = [];
    for (let i = 1; i <= tfields; i++) {
      const format = header.string(`TFORM${i}`) ?? '';
      const match = ASCII_TFORM.exec(format);
      const tbcol = header.integer(`TBCOL${i}`);
      if (!match) throw new FitsHeaderError(`cannot parse ASCII TFORM${i} '${format}'`, where);
      const width = Number(match[2]);
      if (tbcol === undefined || tbcol < 1 || tbcol - 1 + width > this.rowBytes) {
        throw new FitsHeaderError(
          `TBCOL${i} ${String(tbcol)} with width ${width} lies outside the ${this.rowBytes}-byte row`,
          where,
        );
      }
      columns.push({
        name: header.string(`TTYPE${i}`)?.trim() || `col${i}`,
        format,
        start: tbcol - 1,
        width,
        kind: match[1].toUpperCase() === 'A' ? 'string' : 'number',
        unit: header.string(`TUNIT${i}`)?.trim() || undefined,
        tnull: header.string(`TNULL${i}`),
      });
    }
    this.columns = columns;
  }

  /** Column names in order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** Decodes a column by name (case-insensitive) or index. Blank or TNULL fields become NaN. */
  column(column: string | number): string[] | Float64Array {
    const info =
      typeof column === 'number'
        ? this.columns[column]
        : this.columns.find((c) => c.name.toUpperCase() === column.toUpperCase());
    if (!info) {
      throw new FitsMissingError(`no column '${column}'`, { file: this.#file, hdu: this.#layout.index });
    }
    const where = { file: this.#file, hdu: this.#layout.index };
    const cost = this.rows * (info.kind === 'string' ? stringCost(info.width) : 8);
    this.#budget?.charge(cost, `column '${info.name}' (${this.rows} rows of ${info.format})`, where);
    const text = (r: number) => {
      const at = this.#layout.dataOffset + r * this.rowBytes + info.start;
      return latin1.decode(this.#bytes.subarray(at, at + info.width));
    };
    if (info.kind === 'string') {
      const strings: string[] = [];
      for (let r = 0; r < this.rows; r++) strings.push(info.width === 0 ? '' : text(r).trimEnd());
      return strings;
    }
    const out = new Float64Array(this.rows);
    const tnull = info.tnull?.trim();
    for (let r = 0; r < this.rows; r++) {
      const trimmed = info.width === 0 ? '' : text(r).trim();
      out[r] = trimmed === '' || trimmed === tnull ? Number.NaN : Number(trimmed.replace(/[Dd]/, 'E'));
    }
    return out;
  }
}
