import { SpectraError } from './errors.js';
import { nodeBuiltin } from './node-builtin.js';

/**
 * Writes bytes to `path` through a temporary sibling file, `fsync` and a rename, so a killed process never leaves a
 * half-written file. Node only (loads `node:fs` when called).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const fs = await nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  if (!fs) throw new SpectraError('SPECTRA_IO', 'cannot write files here (no file system)', { file: path });
  const { open, rename, rm } = fs;
  const temporary = temporaryPath(path);
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

/** The temporary sibling a write goes through: `PATH.tmp-PID-RANDOM` (the PID tells a later run whose it was). */
export function temporaryPath(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The PID in a temporary file's name (see temporaryPath), or undefined for any other name. */
export function temporaryOwner(name: string): number | undefined {
  const match = /\.tmp-(\d+)-[a-z0-9]+$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
