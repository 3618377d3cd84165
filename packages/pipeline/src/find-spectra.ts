/** A spectrum file found under a dataset root, with the class its folder names. */
export interface DatasetFile {
  path: string;
  /** Name of the immediate sub-folder of the root (the class label), or null for files at the root. */
  classLabel: string | null;
}

const FITS = /\.(fits|fit|fts)(\.gz)?$/i;

/** Every FITS file under `root` (one sub-folder per class, as the reference README lays data out), sorted. Node only. */
export async function findSpectra(root: string): Promise<DatasetFile[]> {
  const { readdir } = await import('node:fs/promises');
  const { join, relative, sep } = await import('node:path');
  const { SpectraError } = await import('@spectra/fits');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new SpectraError(
        'SPECTRA_EMPTY_DATASET',
        error.code === 'ENOENT'
          ? `data root ${root} does not exist`
          : `cannot list ${root}: ${error.message}`,
        { file: root },
      );
    },
  );
  return entries
    .filter((e) => e.isFile() && FITS.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const parts = relative(root, path).split(sep);
      return { path, classLabel: parts.length > 1 ? parts[0] : null };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}
