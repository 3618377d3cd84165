import { FitsLimitError, SourceReadError } from './errors.js';

/** Anything readFits and readSpectrum accept: a path or URL (Node), or bytes (everywhere). */
export type FitsSource = string | URL | Uint8Array | ArrayBuffer;

/**
 * The largest file, and the largest decompressed gzip output, read by default: 2 GiB − 1 (the largest Node
 * buffer). Override with `maxBytes` in ReadFitsOptions.
 */
export const DEFAULT_MAX_BYTES = 2 ** 31 - 1;

const READ_CHUNK = 8 * 2 ** 20;

/**
 * Turns a source into bytes; paths are read with node:fs, which is only imported when a path is given. A path must
 * be a regular file (a FIFO, device or directory is refused at once, without blocking) of at most `maxBytes`
 * bytes; the limit is enforced while reading too, in case the file grows.
 */
export async function loadBytes(source: FitsSource, maxBytes = DEFAULT_MAX_BYTES): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const file = sourceName(source);
  const { open, constants } = await import('node:fs/promises');
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting; regular files ignore it.
    handle = await open(source, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readError(error, file);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new SourceReadError(`cannot read file: not a regular file (${kindOf(stat)})`, { file });
    }
    if (stat.size > maxBytes) {
      throw new FitsLimitError(
        `file is ${stat.size} bytes, more than the ${maxBytes}-byte limit (maxBytes)`,
        {
          file,
        },
      );
    }
    let buffer = new Uint8Array(stat.size);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew since stat: read on, within the limit.
        if (length >= maxBytes) {
          const probe = await handle.read(new Uint8Array(1), 0, 1, length);
          if (probe.bytesRead === 0) break;
          throw new FitsLimitError(`file grew past the ${maxBytes}-byte limit while being read`, { file });
        }
        const grown = new Uint8Array(Math.min(maxBytes, Math.max(READ_CHUNK, length * 2)));
        grown.set(buffer);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(
        buffer,
        length,
        Math.min(READ_CHUNK, buffer.length - length),
        length,
      );
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length === buffer.length ? buffer : buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof SourceReadError || error instanceof FitsLimitError) throw error;
    throw readError(error, file);
  } finally {
    await handle.close();
  }
}

function readError(error: unknown, file: string | undefined): SourceReadError {
  const code = (error as { code?: string }).code ?? 'unknown';
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ELOOP'
            ? 'too many levels of symbolic links'
            : code;
  return new SourceReadError(`cannot read file: ${reason}`, { file }, error);
}

function kindOf(stat: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A short display name for a source: the path, or undefined for raw bytes. */
export function sourceName(source: FitsSource): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.pathname;
  return undefined;
}
