import { BLOCK } from './header.js';

/**
 * Where a FITS file's bytes come from: all in memory, or a file read piece by piece with positioned reads (only the
 * headers, and the data of the HDUs something asks for, ever come off the disk).
 */
export interface ByteSource {
  /** Bytes in the file. */
  readonly length: number;
  /** The `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Uint8Array;
}

/** Bytes in memory; reads are views, not copies. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    length: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  };
}

type SyncFs = Pick<typeof import('node:fs'), 'readSync'>;

/** Reads shorter than this fetch this many bytes (four header blocks) and serve the next short reads from them. */
export const READ_AHEAD_BYTES = 4 * BLOCK;

/**
 * A file opened by the caller (an fd), read with positioned reads, in as few system calls as the FITS order allows
 * (from the disk each one waits for the device): a short read (a header's first bytes) fetches READ_AHEAD_BYTES, and
 * twice that when it continues the previous window (a header longer than one window); a long read (a data unit)
 * also fetches the block padding after it and READ_AHEAD_BYTES more, the next HDU's header. Reads inside the last
 * window are views of it, every other read is a fresh buffer.
 */
export function fileSource(fs: SyncFs, fd: number, length: number): ByteSource & { bytesRead: number } {
  let windowOffset = -1;
  let window: Uint8Array = new Uint8Array(0);
  const readAt = (offset: number, want: number): Uint8Array => {
    const size = Math.max(0, Math.min(want, length - offset));
    const out = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, out, done, size - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    source.bytesRead += done;
    return done === size ? out : out.subarray(0, done);
  };
  const source = {
    length,
    bytesRead: 0,
    read(offset: number, want: number): Uint8Array {
      if (offset >= windowOffset && offset + want <= windowOffset + window.length)
        return window.subarray(offset - windowOffset, offset - windowOffset + want);
      const ahead = offset === windowOffset + window.length ? 2 * READ_AHEAD_BYTES : READ_AHEAD_BYTES;
      const fetch =
        want > ahead ? Math.ceil((offset + want) / BLOCK) * BLOCK + READ_AHEAD_BYTES - offset : ahead;
      window = readAt(offset, fetch);
      windowOffset = offset;
      return window.subarray(0, Math.min(want, window.length));
    },
  };
  return source;
}

/** The parts one after another in one new array (`total`: their summed length, when the caller has it). */
export function concatBytes(
  parts: readonly Uint8Array[],
  total = parts.reduce((n, p) => n + p.length, 0),
): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
