import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** One preprocessing step of one spectrum (Table D). */
export interface PreprocessingRow {
  spec_id: string;
  /** 1..N within the spectrum. */
  step_order: number;
  step_name: string;
  params_json: string;
  /** SHA-256 of the bytes of the step's resulting array (hex). */
  result_hash: string;
  timestamp: string;
  warnings: string | null;
}

/** Options for a preprocessing log. */
export interface PreprocessingLogOptions {
  /** Timestamp source; pass a fixed one for byte-reproducible logs. Default: now, ISO 8601. */
  clock?: () => string;
}

/** Collects the preprocessing steps applied to each spectrum, hashing every intermediate array. */
export class PreprocessingLog {
  readonly #rows: PreprocessingRow[] = [];
  readonly #order = new Map<string, number>();
  readonly #clock: () => string;

  constructor(options: PreprocessingLogOptions = {}) {
    this.#clock = options.clock ?? (() => new Date().toISOString());
  }

  /** Records a step: its parameters, the array it produced, and any warnings. Returns the row. */
  record(
    specId: string,
    stepName: string,
    params: unknown,
    result: ArrayBufferView,
    warnings: string[] = [],
  ): PreprocessingRow {
    const order = (this.#order.get(specId) ?? 0) + 1;
    this.#order.set(specId, order);
    const row: PreprocessingRow = {
      spec_id: specId,
      step_order: order,
      step_name: stepName,
      params_json: JSON.stringify(params ?? {}),
      result_hash: hashArray(result),
      timestamp: this.#clock(),
      warnings: warnings.length ? warnings.join('; ') : null,
    };
    this.#rows.push(row);
    return row;
  }

  /** Every row recorded so far, in order. */
  rows(): readonly PreprocessingRow[] {
    return this.#rows;
  }

  /** Returns and forgets the rows recorded so far (for streaming writes in batches). */
  drain(): PreprocessingRow[] {
    return this.#rows.splice(0, this.#rows.length);
  }
}

/** SHA-256 (hex) of a typed array's bytes as laid out in memory (little-endian on every platform we run on). */
export function hashArray(array: ArrayBufferView): string {
  return bytesToHex(sha256(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)));
}
