/** Options that turn file names and catalogue ids into comparable spec_ids. */
export interface SpecIdOptions {
  /** Removed from the start of file stems and catalogue ids (`--catalog-strip-prefix`). */
  stripPrefix?: string;
  /** Removed from the end of file stems and catalogue ids (`--catalog-strip-suffix`). */
  stripSuffix?: string;
}

const EXTENSIONS = /\.(fits|fit|fts)(\.gz)?$/i;

/** The spec_id of a file: its name without folder and FITS extension, with the configured decorations stripped. */
export function specIdFromPath(path: string, options: SpecIdOptions = {}): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return normalizeId(name.replace(EXTENSIONS, ''), options);
}

/** Strips the configured prefix and suffix from an identifier (either side of a match). */
export function normalizeId(id: string, options: SpecIdOptions = {}): string {
  let out = id.trim();
  if (options.stripPrefix && out.startsWith(options.stripPrefix)) out = out.slice(options.stripPrefix.length);
  if (options.stripSuffix && out.endsWith(options.stripSuffix))
    out = out.slice(0, -options.stripSuffix.length);
  return out;
}
