import { describe, expect, it } from 'vitest';
import { fileSource, READ_AHEAD_BYTES } from './byte-source.js';

/** A fake fd over bytes in memory that records every positioned read. */
function countingFs(bytes: Uint8Array) {
  const calls: Array<[offset: number, length: number]> = [];
  const fs = {
    readSync(_fd: number, out: Uint8Array, at: number, length: number, position: number): number {
      calls.push([position, length]);
      const part = bytes.subarray(position, position + length);
      out.set(part, at);
      return part.length;
    },
  } as unknown as Pick<typeof import('node:fs'), 'readSync'>;
  return { fs, calls };
}

const file = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251);

describe('fileSource', () => {
  it('serves a short read, and the short reads after it inside the window, with one system call', () => {
    const { fs, calls } = countingFs(file);
    const source = fileSource(fs, 3, file.length);
    expect(source.read(0, 9)).toEqual(file.subarray(0, 9));
    expect(source.read(2880, 2880)).toEqual(file.subarray(2880, 5760));
    expect(calls).toEqual([[0, READ_AHEAD_BYTES]]);
  });

  it('fetches twice the window when a read continues the last one (a header longer than a window)', () => {
    const { fs, calls } = countingFs(file);
    const source = fileSource(fs, 3, file.length);
    source.read(0, READ_AHEAD_BYTES);
    expect(source.read(READ_AHEAD_BYTES, READ_AHEAD_BYTES)).toEqual(
      file.subarray(READ_AHEAD_BYTES, 2 * READ_AHEAD_BYTES),
    );
    expect(source.read(2 * READ_AHEAD_BYTES, 100)).toEqual(
      file.subarray(2 * READ_AHEAD_BYTES, 2 * READ_AHEAD_BYTES + 100),
    );
    expect(calls).toEqual([
      [0, READ_AHEAD_BYTES],
      [READ_AHEAD_BYTES, 2 * READ_AHEAD_BYTES],
    ]);
  });

  it('reads a data unit with its block padding and the next header’s first blocks in one system call', () => {
    const { fs, calls } = countingFs(file);
    const source = fileSource(fs, 3, file.length);
    // A data unit of 100,000 bytes at 5,760 ends at 105,760; padded to the 2,880-byte block: 106,560.
    expect(source.read(5760, 100_000)).toEqual(file.subarray(5760, 105_760));
    expect(source.read(106_560, 9)).toEqual(file.subarray(106_560, 106_569));
    expect(source.read(106_560, 2880)).toEqual(file.subarray(106_560, 109_440));
    expect(calls).toEqual([[5760, 106_560 + READ_AHEAD_BYTES - 5760]]);
    expect(source.bytesRead).toBe(106_560 + READ_AHEAD_BYTES - 5760);
  });

  it('returns what is there at the end of the file', () => {
    const { fs } = countingFs(file);
    const source = fileSource(fs, 3, file.length);
    expect(source.read(file.length - 10, 2880)).toEqual(file.subarray(file.length - 10));
    expect(source.read(file.length - 5000, 5000)).toEqual(file.subarray(file.length - 5000));
  });
});
