import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of summary lines buffered before they are written out. */
const FLUSH_BYTES = 1 << 20;

/** NaN and ±Infinity, which JSON cannot hold, travel as strings with this prefix (no path or id contains NUL). */
const NON_FINITE = '\u0000number:';
const replacer = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isFinite(value) ? `${NON_FINITE}${value}` : value;
const reviver = (_key: string, value: unknown) =>
  typeof value === 'string' && value.startsWith(NON_FINITE) ? Number(value.slice(NON_FINITE.length)) : value;

/**
 * Records appended one at a time to a scratch file of JSON lines instead of being held, and read back in one piece
 * at the end: a dataset pass keeps what its later stages need of every spectrum (labels and group-disjoint splits
 * need them all) on disk while its reading threads are alive, so memory does not grow with the spectra read.
 * Records are plain data (strings, numbers — NaN and ±Infinity included —, booleans, null, objects, arrays). Node
 * only; dispose() removes the file.
 */
export class SummarySpill<T> {
  readonly #directory: string;
  readonly #fd: number;
  #pending: string[] = [];
  #pendingBytes = 0;
  #count = 0;

  /** @param parent folder of the scratch file. @default the system temp folder */
  constructor(parent: string = tmpdir()) {
    this.#directory = mkdtempSync(join(parent, 'spectra-summaries-'));
    try {
      this.#fd = openSync(join(this.#directory, 'summaries.jsonl'), 'w+');
    } catch (error) {
      rmSync(this.#directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Records appended so far. */
  get length(): number {
    return this.#count;
  }

  append(record: T): void {
    const line = `${JSON.stringify(record, replacer)}\n`;
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    this.#count++;
    if (this.#pendingBytes >= FLUSH_BYTES) this.#flush();
  }

  /** Every record appended, in order. */
  readAll(): T[] {
    this.#flush();
    const records: T[] = [];
    const chunk = Buffer.allocUnsafe(FLUSH_BYTES);
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const got = readSync(this.#fd, chunk, 0, chunk.length, position);
      if (got === 0) break;
      position += got;
      // A line ends at byte 0x0A, which never occurs inside a multi-byte UTF-8 character.
      const bytes = carry.length ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
      let start = 0;
      for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
        records.push(JSON.parse(bytes.toString('utf8', start, end), reviver) as T);
        start = end + 1;
      }
      carry = Buffer.from(bytes.subarray(start));
    }
    if (records.length !== this.#count)
      throw new Error(`summary scratch file: ${records.length} records read back of ${this.#count} written`);
    return records;
  }

  /** Closes and removes the scratch file. */
  dispose(): void {
    try {
      closeSync(this.#fd);
    } finally {
      rmSync(this.#directory, { recursive: true, force: true });
    }
  }

  #flush(): void {
    if (!this.#pending.length) return;
    const text = Buffer.from(this.#pending.join(''), 'utf8');
    let written = 0;
    while (written < text.length) written += writeSync(this.#fd, text, written);
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}
