import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { checkRow, type SampleStore } from './sample-store.js';

/**
 * Rows in a scratch file of fixed-width float32 records (Node): memory stays at one batch however many spectra
 * there are. The file is removed by `close()`.
 */
export class FileSampleStore implements SampleStore {
  readonly #fd: number;
  #count = 0;
  constructor(
    readonly path: string,
    readonly length: number,
    readonly channels: number,
  ) {
    this.#fd = openSync(path, 'w+');
  }

  get count(): number {
    return this.#count;
  }

  append(row: Float32Array): number {
    checkRow(this, row);
    const bytes = new Uint8Array(row.buffer, row.byteOffset, row.byteLength);
    writeSync(this.#fd, bytes, 0, bytes.length, this.#count * bytes.length);
    return this.#count++;
  }

  read(indices: readonly number[]): Float32Array {
    const width = this.length * this.channels;
    const out = new Float32Array(indices.length * width);
    const bytes = new Uint8Array(out.buffer);
    const rowBytes = width * 4;
    indices.forEach((index, i) => {
      if (index < 0 || index >= this.#count) throw new RangeError(`sample ${index} is not in the store`);
      readSync(this.#fd, bytes, i * rowBytes, rowBytes, index * rowBytes);
    });
    return out;
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.path, { force: true });
  }
}
