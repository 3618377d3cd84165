import { SpectraError } from './errors.js';

/**
 * Writes bytes to `path` through a temporary sibling file, `fsync` and a rename, so a killed process never leaves a
 * half-written file. Node only (loads `node:fs` when called).
 */
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
    throw new SpectraError(
      'SPECTRA_IO',
      `cannot write file: ${(error as Error).message}`,
      { file: path },
      {
        cause: error,
      },
    );
  }
}
