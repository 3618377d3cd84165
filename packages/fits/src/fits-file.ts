import { AsciiTable } from './ascii-table.js';
import { BinaryTable } from './binary-table.js';
import { type ByteSource, memorySource } from './byte-source.js';
import { DecodeBudget } from './decode-budget.js';
import { FitsMissingError, FitsUnsupportedError } from './errors.js';
import { gunzip, isGzip } from './gunzip.js';
import type { Header } from './header.js';
import type { FitsIssue } from './issues.js';
import { DEFAULT_MAX_BYTES, type FitsSource, loadBytes, sourceName } from './load-bytes.js';
import { type ImageData, type ReadImageOptions, readImage } from './read-image.js';
import { type HduLayout, HduScanner, type HduType } from './scan-hdus.js';

/** Options for opening a FITS file. */
export interface ReadFitsOptions {
  /** Name used in errors and issues; defaults to the path, or 'buffer' for bytes. */
  name?: string;
  /** Largest file, and largest decompressed gzip output, accepted, in bytes. Default DEFAULT_MAX_BYTES (2 GiB − 1). */
  maxBytes?: number;
}

/** One HDU: header and structure at once, data decoded on first request and cached. */
export class Hdu {
  readonly index: number;
  readonly type: HduType;
  readonly name: string;
  readonly header: Header;
  readonly bitpix: number;
  /** NAXIS1..NAXISn (FITS order). */
  readonly axes: readonly number[];
  readonly layout: HduLayout;
  readonly #file: FitsFile;
  #image?: ImageData;
  #table?: BinaryTable | AsciiTable;

  constructor(file: FitsFile, layout: HduLayout) {
    this.#file = file;
    this.layout = layout;
    this.index = layout.index;
    this.type = layout.type;
    this.name = layout.name;
    this.header = layout.header;
    this.bitpix = layout.bitpix;
    this.axes = layout.axes;
  }

  /** Lengths slowest-first, as astropy reports `shape`. */
  get shape(): number[] {
    return [...this.axes].reverse();
  }

  /** True for a primary or IMAGE HDU that holds data. */
  get isImage(): boolean {
    return (
      (this.type === 'primary' || this.type === 'image') && this.axes.length > 0 && this.layout.dataBytes > 0
    );
  }

  /** Decodes the image data (BSCALE/BZERO applied unless `scale: false`). */
  image(options: ReadImageOptions = {}): ImageData {
    const count = this.axes.length === 0 ? 0 : this.axes.reduce((a, b) => a * b, 1);
    // The raw values and, when scaled, a Float64 copy.
    const cost = count * (Math.abs(this.bitpix) / 8 + (options.scale === false ? 0 : 8));
    const what = `the ${this.shape.join('×')} image`;
    const where = { file: this.#file.name, hdu: this.index };
    if (options.scale === false) {
      this.#file.budget.charge(cost, what, where, false);
      const { bytes, layout } = this.#file.dataOf(this.layout);
      return readImage(bytes, layout, options, this.#file.name);
    }
    if (!this.#image) {
      this.#file.budget.charge(cost, what, where);
      const { bytes, layout } = this.#file.dataOf(this.layout);
      this.#image = readImage(bytes, layout, options, this.#file.name);
    }
    return this.#image;
  }

  /** The binary table of a BINTABLE HDU; throws for other HDU types. */
  table(): BinaryTable {
    const table = this.#openTable();
    if (!(table instanceof BinaryTable)) {
      throw new FitsUnsupportedError('HDU is an ASCII table; use asciiTable()', {
        file: this.#file.name,
        hdu: this.index,
      });
    }
    return table;
  }

  /** The ASCII table of a TABLE HDU; throws for other HDU types. */
  asciiTable(): AsciiTable {
    const table = this.#openTable();
    if (!(table instanceof AsciiTable)) {
      throw new FitsUnsupportedError(`HDU is a ${this.type}, not an ASCII table`, {
        file: this.#file.name,
        hdu: this.index,
      });
    }
    return table;
  }

  #openTable(): BinaryTable | AsciiTable {
    if (this.#table) return this.#table;
    if (this.type === 'bintable' || this.type === 'compressed-image') {
      const { bytes, layout } = this.#file.dataOf(this.layout);
      this.#table = new BinaryTable(bytes, layout, this.#file.issues, this.#file.name, this.#file.budget);
    } else if (this.type === 'table') {
      const { bytes, layout } = this.#file.dataOf(this.layout);
      this.#table = new AsciiTable(bytes, layout, this.#file.name, this.#file.budget);
    } else {
      throw new FitsUnsupportedError(`HDU is a ${this.type}, not a table`, {
        file: this.#file.name,
        hdu: this.index,
      });
    }
    return this.#table;
  }
}

/** An opened FITS file: every HDU's header parsed, data left encoded until asked for. */
export class FitsFile {
  readonly name: string;
  readonly #source: ByteSource;
  #bytes?: Uint8Array;
  readonly #hdus: Hdu[] = [];
  readonly #scanner: HduScanner;
  /** Recoverable oddities, as astropy's verify would report them. */
  readonly issues: FitsIssue[];
  /** True when the source was gzip-compressed. */
  readonly gzipped: boolean;
  /** What decoding this file's data may allocate (a multiple of its size); every cached decode is charged. */
  readonly budget: DecodeBudget;

  /**
   * From the file's bytes in memory, or from a ByteSource read with positioned reads (readSpectrum on a path: only
   * the headers and the data of the HDUs something decodes are read). `scan`: `all` (default) finds and checks
   * every HDU now; `as-needed` reads headers only as far as the HDUs asked for (`hdus` still scans them all), so
   * problems in later HDUs surface only if they are reached.
   */
  constructor(
    input: Uint8Array | ByteSource,
    name: string,
    gzipped: boolean,
    scan: 'all' | 'as-needed' = 'all',
  ) {
    this.name = name;
    this.budget = new DecodeBudget(input.length);
    if (input instanceof Uint8Array) this.#bytes = input;
    this.#source = input instanceof Uint8Array ? memorySource(input) : input;
    this.gzipped = gzipped;
    this.issues = [];
    this.#scanner = new HduScanner(input, name, this.issues);
    if (scan === 'all') this.#scanTo(Number.POSITIVE_INFINITY);
    else this.#scanTo(0);
  }

  /** Every HDU (scanning the rest of the file first when it was opened `as-needed`). */
  get hdus(): readonly Hdu[] {
    this.#scanTo(Number.POSITIVE_INFINITY);
    return this.#hdus;
  }

  /** Scans until HDU `index` is known or the file ends. */
  #scanTo(index: number, name?: string): void {
    while (this.#hdus.length <= index) {
      const layout = this.#scanner.next();
      if (!layout) break;
      const hdu = new Hdu(this, layout);
      this.#hdus.push(hdu);
      if (name !== undefined && hdu.name.toUpperCase() === name) break;
    }
  }

  /** The (decompressed) bytes of the whole file (read in full on first use when the file is read piece by piece). */
  get bytes(): Uint8Array {
    this.#bytes ??= this.#source.read(0, this.#source.length);
    return this.#bytes;
  }

  /**
   * The bytes an HDU's data decode from, and its layout relative to them: the whole file when it is in memory, else
   * the HDU's data unit (with its heap) read from the source, the layout shifted to start at 0.
   */
  dataOf(layout: HduLayout): { bytes: Uint8Array; layout: HduLayout } {
    if (this.#bytes) return { bytes: this.#bytes, layout };
    return {
      bytes: this.#source.read(layout.dataOffset, layout.dataBytes),
      layout: { ...layout, dataOffset: 0 },
    };
  }

  /** The primary HDU. */
  get primary(): Hdu {
    return this.#hdus[0];
  }

  /** An HDU by zero-based index or EXTNAME (case-insensitive); throws FitsMissingError when absent. */
  hdu(key: number | string): Hdu {
    const found = this.find(key);
    if (!found) {
      const names = this.hdus.map((h) => h.name || `#${h.index}`).join(', ');
      throw new FitsMissingError(`no HDU ${typeof key === 'number' ? key : `'${key}'`} (HDUs: ${names})`, {
        file: this.name,
      });
    }
    return found;
  }

  /** An HDU by index or EXTNAME, or undefined. */
  find(key: number | string): Hdu | undefined {
    if (typeof key === 'number') {
      this.#scanTo(key);
      return this.#hdus[key];
    }
    const upper = key.toUpperCase();
    const known = this.#hdus.find((h) => h.name.toUpperCase() === upper);
    if (known) return known;
    this.#scanTo(Number.POSITIVE_INFINITY, upper);
    return this.#hdus.find((h) => h.name.toUpperCase() === upper);
  }
}

/** Opens FITS bytes synchronously (gzip detected by its magic bytes). Works in every JavaScript runtime. */
export function parseFits(bytes: Uint8Array, options: ReadFitsOptions = {}): FitsFile {
  const name = options.name ?? 'buffer';
  const gzipped = isGzip(bytes);
  const plain = gzipped ? gunzip(bytes, options.maxBytes ?? DEFAULT_MAX_BYTES, name) : bytes;
  return new FitsFile(plain, name, gzipped);
}

/** Opens a FITS file from a path or URL (Node) or from bytes (everywhere). */
export async function readFits(source: FitsSource, options: ReadFitsOptions = {}): Promise<FitsFile> {
  const bytes = await loadBytes(source, options.maxBytes);
  return parseFits(bytes, { ...options, name: options.name ?? sourceName(source) });
}
