/** A spectrum file found under a dataset root, with the class its folder names. */
export interface DatasetFile {
  path: string;
  /** Name of the immediate sub-folder of the root (the class label), or null for files at the root. */
  classLabel: string | null;
}

const FITS = /\.(fits|fit|fts)(\.gz)?$/i;

/**
 * Every FITS file under `root` (one sub-folder per class, as the reference README lays data out), sorted. Symbolic
 * links to files and folders are followed, as `find -L` does, each real folder visited once (a link back up the
 * tree cannot loop); paths are reported as found under the root. Broken links are skipped. Node only.
 */
export async function findSpectra(root: string): Promise<DatasetFile[]> {
  const { readdir, stat } = await import('node:fs/promises');
  const { join, relative, sep } = await import('node:path');
  const { SpectraError } = await import('@spectra/fits');
  const visited = new Set<string>();
  const found: DatasetFile[] = [];
  const walk = async (dir: string, isRoot: boolean): Promise<void> => {
    let info: { dev: number; ino: number };
    let entries: string[];
    try {
      info = await stat(dir);
      entries = await readdir(dir);
    } catch (error) {
      if (!isRoot) return;
      const code = (error as NodeJS.ErrnoException).code;
      throw new SpectraError(
        'SPECTRA_EMPTY_DATASET',
        code === 'ENOENT'
          ? `data root ${root} does not exist`
          : `cannot list ${root}: ${(error as Error).message}`,
        { file: root },
      );
    }
    const key = `${info.dev}:${info.ino}`;
    if (visited.has(key)) return;
    visited.add(key);
    for (const name of entries) {
      const path = join(dir, name);
      const target = await stat(path).catch(() => undefined);
      if (!target) continue;
      if (target.isDirectory()) await walk(path, false);
      else if (target.isFile() && FITS.test(name)) {
        const parts = relative(root, path).split(sep);
        found.push({ path, classLabel: parts.length > 1 ? parts[0] : null });
      }
    }
  };
  await walk(root, true);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
