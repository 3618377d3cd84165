import { SourceReadError } from './errors.js';
import { type HduInput, writeFits } from './write-fits.js';

/** Options for writing a FITS file to disk. */
export interface WriteFitsFileOptions {
  /** gzip the output; default: when the path ends with `.gz`. */
  gzip?: boolean;
}

/**
 * Writes HDUs to a path atomically: the bytes go to a temporary file in the same directory, which is then
 * renamed over the target, so a killed process never leaves a half-written file. Node only.
 */
export async function writeFitsFile(
  path: string,
  hdus: HduInput[],
  options: WriteFitsFileOptions = {},
): Promise<void> {
  let bytes = writeFits(hdus);
  if (options.gzip ?? path.endsWith('.gz')) {
    const { gzipSync } = await import('node:zlib');
    bytes = gzipSync(bytes, { level: 6 });
  }
  await writeFileAtomic(path, bytes);
}

/** Writes bytes to `path` through a temporary sibling file and a rename. Node only. */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const { open, rename, rm } = await import('node:fs/promises');
  const temporary = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SourceReadError(`cannot write file: ${(error as Error).message}`, { file: path }, error);
  }
}
