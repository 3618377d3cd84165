/**
 * Preprocessed network inputs, row by row: each row is `length × channels` float32 values (flux, then the mask
 * channel, interleaved per pixel, the layout of a [n, length, channels] tensor). Training reads batches of rows by
 * index, so a store on disk lets 100k spectra train in bounded memory.
 */
export interface SampleStore {
  readonly length: number;
  readonly channels: number;
  /** Rows written so far. */
  readonly count: number;
  /** Appends one row; returns its index. */
  append(row: Float32Array): number;
  /** Copies the rows at `indices`, in that order, into one array of `indices.length × length × channels`. */
  read(indices: readonly number[]): Float32Array;
  /** Frees memory or removes the backing file. */
  close(): void;
}

/** Throws RangeError unless `row` has the store's length × channels values. */
export function checkRow(store: SampleStore, row: Float32Array): void {
  if (row.length !== store.length * store.channels)
    throw new RangeError(
      `a sample row has ${row.length} values; the store holds ${store.length}×${store.channels}`,
    );
}

/** Rows kept in memory (small datasets, tests, the browser). */
export class MemorySampleStore implements SampleStore {
  readonly #rows: Float32Array[] = [];
  constructor(
    readonly length: number,
    readonly channels: number,
  ) {}

  get count(): number {
    return this.#rows.length;
  }

  append(row: Float32Array): number {
    checkRow(this, row);
    this.#rows.push(Float32Array.from(row));
    return this.#rows.length - 1;
  }

  read(indices: readonly number[]): Float32Array {
    const width = this.length * this.channels;
    const out = new Float32Array(indices.length * width);
    for (const [i, index] of indices.entries()) out.set(this.#rows[index], i * width);
    return out;
  }

  close(): void {
    this.#rows.length = 0;
  }
}

/** Interleaves a preprocessed spectrum's flux and mask into one row of a two-channel store. */
export function sampleRow(flux: Float32Array, mask: Uint8Array, channels = 2): Float32Array {
  const row = new Float32Array(flux.length * channels);
  for (let k = 0; k < flux.length; k++) {
    row[k * channels] = flux[k];
    if (channels > 1) row[k * channels + 1] = mask[k];
  }
  return row;
}
