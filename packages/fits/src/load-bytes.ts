import { SourceReadError } from './errors.js';

/** Anything readFits and readSpectrum accept: a path or URL (Node), or bytes (everywhere). */
export type FitsSource = string | URL | Uint8Array | ArrayBuffer;

/** Turns a source into bytes; paths are read with node:fs, which is only imported when a path is given. */
export async function loadBytes(source: FitsSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const { readFile } = await import('node:fs/promises');
  try {
    const buffer = await readFile(source);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown';
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : code;
    throw new SourceReadError(`cannot read file: ${reason}`, { file: sourceName(source) }, error);
  }
}

/** A short display name for a source: the path, or undefined for raw bytes. */
export function sourceName(source: FitsSource): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.pathname;
  return undefined;
}
