import { type ErrorLocation, FitsLimitError } from './errors.js';

/** Decoded bytes allowed per byte of (decompressed) FITS file, on top of the file itself. */
export const DECODE_BUDGET_RATIO = 3;
/** Decoded bytes every file may use whatever its size (small files with large tables of scalars). */
export const DECODE_BUDGET_CONSTANT = 64 * 2 ** 20;

/** What one decoded JavaScript string costs: a pointer in its array and the string object (header + chars). */
export function stringCost(chars: number): number {
  return 8 + 24 + Math.ceil(chars / 8) * 8;
}

/** What one small typed-array object costs besides its elements (JS object, ArrayBuffer, backing store). */
export const TYPED_ARRAY_OVERHEAD = 160;

/**
 * The memory a file may spend on decoded data, set by the bytes actually present: `ratio` × file bytes +
 * `constant`. Every cached decode (image, column) is charged before anything is allocated, so no header can make
 * the reader allocate, or loop, beyond a small multiple of the file's size.
 */
export class DecodeBudget {
  readonly limit: number;
  #used = 0;

  constructor(fileBytes: number, ratio = DECODE_BUDGET_RATIO, constant = DECODE_BUDGET_CONSTANT) {
    this.limit = fileBytes * ratio + constant;
  }

  /** Bytes charged so far. */
  get used(): number {
    return this.#used;
  }

  /** Throws FitsLimitError when `bytes` more would pass the limit; `keep: false` checks without charging. */
  charge(bytes: number, what: string, where: ErrorLocation, keep = true): void {
    if (!(bytes <= this.limit - this.#used)) {
      throw new FitsLimitError(
        `decoding ${what} would need ${formatBytes(bytes)}, more than the file's decode budget (${formatBytes(this.limit - this.#used)} left of ${formatBytes(this.limit)})`,
        where,
      );
    }
    if (keep) this.#used += bytes;
  }
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.round(bytes)} bytes`;
}
