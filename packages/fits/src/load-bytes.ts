import { nodeBuiltin } from '@spectra/core';
import { type ByteSource, concatBytes, fileSource } from './byte-source.js';
import { FitsLimitError, SourceReadError } from './errors.js';

/**
 * Anything readFits and readSpectrum accept: bytes or a Blob/File (everywhere), an http(s) URL (wherever `fetch`
 * exists), a path or file: URL (Node, Deno).
 */
export type FitsSource = string | URL | Uint8Array | ArrayBuffer | Blob;

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
  // isView and the tag also recognise bytes made in another realm (an iframe, a worker, a vm context).
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (Object.prototype.toString.call(source) === '[object ArrayBuffer]')
    return new Uint8Array(source as ArrayBuffer);
  const file = sourceName(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    checkSize(source.size, maxBytes, file);
    return new Uint8Array(await source.arrayBuffer());
  }
  const place = source as string | URL;
  const url = asUrl(place);
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return fetchBytes(url, maxBytes, file);
  const fs = await nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  if (!fs)
    throw new SourceReadError(
      'cannot read a path here (no file system): pass a File, Blob, ArrayBuffer or an http(s) URL',
      { file },
    );
  const { open, constants } = fs;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting; regular files ignore it.
    handle = await open(place, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readError(error, file);
  }
  try {
    const stat = await handle.stat();
    checkFile(stat, maxBytes, file);
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

/** An URL for a source that is one: a URL object, or a string with a scheme (`https://…`, `file://…`). */
function asUrl(source: string | URL): URL | undefined {
  if (source instanceof URL) return source;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? new URL(source) : undefined;
}

/** Fetches an http(s) URL, refusing more than maxBytes (by Content-Length at once, and while reading). */
async function fetchBytes(url: URL, maxBytes: number, file: string | undefined): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new SourceReadError(`cannot fetch: ${(error as Error).message}`, { file }, error);
  }
  if (!response.ok) throw new SourceReadError(`cannot fetch: HTTP ${response.status}`, { file });
  const declared = Number(response.headers.get('content-length'));
  checkSize(declared, maxBytes, file);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw new FitsLimitError(`download passed the ${maxBytes}-byte limit (maxBytes)`, { file });
    }
    parts.push(value);
  }
  return concatBytes(parts, length);
}

/** A source of `size` bytes may be read: at most maxBytes, else FitsLimitError before anything is read. */
function checkSize(size: number, maxBytes: number, file: string | undefined): void {
  if (size > maxBytes)
    throw new FitsLimitError(`file is ${size} bytes, more than the ${maxBytes}-byte limit (maxBytes)`, {
      file,
    });
}

/** An opened path may be read: a regular file (not a FIFO, device or directory) of at most maxBytes. */
function checkFile(
  stat: Parameters<typeof kindOf>[0] & { isFile(): boolean; size: number },
  maxBytes: number,
  file: string | undefined,
): void {
  if (!stat.isFile())
    throw new SourceReadError(`cannot read file: not a regular file (${kindOf(stat)})`, { file });
  checkSize(stat.size, maxBytes, file);
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

/** A short display name for a source: the path, URL or file name, or undefined for raw bytes. */
export function sourceName(source: FitsSource): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.protocol === 'file:' ? source.pathname : source.href;
  if (typeof File !== 'undefined' && source instanceof File) return source.name;
  return undefined;
}

/**
 * Opens a path for positioned reads (readSpectrum's fast path): the same checks as loadBytes — a regular file, at
 * most `maxBytes` — and an open file descriptor the caller closes. Undefined when the source is not a local path, the
 * runtime has no file system, or the file is gzip-compressed (those are read whole, then inflated).
 */
export async function openForReads(
  source: FitsSource,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<{ source: ByteSource & { bytesRead: number }; close(): void } | undefined> {
  if (typeof source !== 'string' && !(source instanceof URL)) return undefined;
  if (
    asUrl(source) &&
    (source instanceof URL ? source.protocol : new URL(String(source)).protocol) !== 'file:'
  )
    return undefined;
  const fs = await nodeBuiltin<typeof import('node:fs')>('node:fs');
  if (!fs) return undefined;
  const file = sourceName(source);
  let fd: number;
  try {
    fd = fs.openSync(source, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw readError(error, file);
  }
  try {
    const stat = fs.fstatSync(fd);
    checkFile(stat, maxBytes, file);
    const reader = fileSource(fs, fd, stat.size);
    const magic = reader.read(0, 2);
    if (magic[0] === 0x1f && magic[1] === 0x8b) {
      fs.closeSync(fd);
      return undefined;
    }
    return { source: reader, close: () => fs.closeSync(fd) };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
