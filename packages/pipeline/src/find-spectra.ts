/** A spectrum file found under a dataset root, with the class its folder names. */
export interface DatasetFile {
  path: string;
  /** Name of the immediate sub-folder of the root (the class label), or null for files at the root. */
  classLabel: string | null;
}

const FITS = /\.(fits|fit|fts)(\.gz)?$/i;
const utf8 = new TextDecoder();

/**
 * The files findSpectra found, in order, packed: their paths under the root as UTF-8 bytes back to back (≈ 30 bytes
 * a spectrum of a survey's layout, not the ≈ 135 of a string and an object each), a DatasetFile made on each
 * access. A survey's file list is held for the whole pass; this keeps it from growing the heap by a million objects.
 */
export class DatasetFiles implements Iterable<DatasetFile> {
  /** The root as given, normalised (`path.join`); paths are reported under it. */
  readonly root: string;
  readonly #separator: string;
  readonly #bytes: Uint8Array;
  /** End offset of each file's bytes; file i spans ends[i − 1] (0 for the first) to ends[i]. */
  readonly #ends: Uint32Array;
  readonly #from: number;
  readonly #to: number;

  constructor(
    root: string,
    separator: string,
    bytes: Uint8Array,
    ends: Uint32Array,
    from = 0,
    to: number = ends.length,
  ) {
    this.root = root;
    this.#separator = separator;
    this.#bytes = bytes;
    this.#ends = ends;
    this.#from = from;
    this.#to = to;
  }

  /** Packs paths relative to `root` (in the order given). */
  static pack(root: string, separator: string, relativePaths: readonly string[]): DatasetFiles {
    const encoder = new TextEncoder();
    const encoded = relativePaths.map((p) => encoder.encode(p));
    const ends = new Uint32Array(encoded.length);
    let total = 0;
    encoded.forEach((bytes, i) => {
      total += bytes.length;
      ends[i] = total;
    });
    const bytes = new Uint8Array(total);
    encoded.forEach((part, i) => {
      bytes.set(part, ends[i] - part.length);
    });
    return new DatasetFiles(root, separator, bytes, ends);
  }

  get length(): number {
    return this.#to - this.#from;
  }

  /** The index-th file (negative counts from the end, as Array.prototype.at), or undefined outside the list. */
  at(index: number): DatasetFile | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    const at = this.#from + i;
    const relative = utf8.decode(this.#bytes.subarray(at === 0 ? 0 : this.#ends[at - 1], this.#ends[at]));
    const cut = relative.indexOf(this.#separator);
    const path =
      this.root === '.'
        ? relative
        : this.root.endsWith(this.#separator)
          ? this.root + relative
          : this.root + this.#separator + relative;
    return { path, classLabel: cut >= 0 ? relative.slice(0, cut) : null };
  }

  /** Files start to end − 1 (as Array.prototype.slice, without negative indices), sharing this list's bytes. */
  slice(start = 0, end: number = this.length): DatasetFiles {
    const from = this.#from + Math.max(0, Math.min(start, this.length));
    const to = this.#from + Math.max(0, Math.min(end, this.length));
    return new DatasetFiles(this.root, this.#separator, this.#bytes, this.#ends, from, Math.max(from, to));
  }

  *[Symbol.iterator](): Iterator<DatasetFile> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

/**
 * Every FITS file under `root` (one sub-folder per class, as the reference README lays data out), sorted by path.
 * Symbolic links to files and folders are followed, as `find -L` does, each real folder visited once (a link back
 * up the tree cannot loop); paths are reported as found under the root. Broken links are skipped. Node only.
 */
export async function findSpectra(root: string): Promise<DatasetFiles> {
  const { readdir, stat } = await import('node:fs/promises');
  const { join, sep } = await import('node:path');
  const { SpectraError } = await import('@spectra/fits');
  const visited = new Set<string>();
  const found: string[] = [];
  const walk = async (dir: string, under: string | null): Promise<void> => {
    let info: { dev: number; ino: number };
    let entries: string[];
    try {
      info = await stat(dir);
      entries = await readdir(dir);
    } catch (error) {
      if (under !== null) return;
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
      const relative = under === null ? name : under + sep + name;
      const target = await stat(join(dir, name)).catch(() => undefined);
      if (!target) continue;
      if (target.isDirectory()) await walk(join(dir, name), relative);
      else if (target.isFile() && FITS.test(name)) found.push(relative);
    }
  };
  await walk(root, null);
  // Paths under one root share its prefix, so ordering them relative orders them as found.
  return DatasetFiles.pack(
    join(root),
    sep,
    found.sort((a, b) => a.localeCompare(b)),
  );
}
