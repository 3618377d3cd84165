import { nodeBuiltin, writeFileAtomic } from '@spectra/core';
import { gzipSync } from 'fflate';
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
    const zlib = await nodeBuiltin<typeof import('node:zlib')>('node:zlib');
    bytes = zlib ? zlib.gzipSync(bytes, { level: 6 }) : gzipSync(bytes, { level: 6 });
  }
  await writeFileAtomic(path, bytes);
}
