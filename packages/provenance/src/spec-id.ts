/** Options that turn file names and catalogue ids into comparable spec_ids. */
export interface SpecIdOptions {
  /** Removed from the start of file stems and catalogue ids (`--catalog-strip-prefix`, repeatable): each that matches. */
  stripPrefix?: string | readonly string[];
  /** Removed from the end of file stems and catalogue ids (`--catalog-strip-suffix`, repeatable): each that matches. */
  stripSuffix?: string | readonly string[];
}

const EXTENSIONS = /\.(fits|fit|fts)(\.gz)?$/i;

/** The spec_id of a file: its name without folder and FITS extension, with the configured decorations stripped. */
export function specIdFromPath(path: string, options: SpecIdOptions = {}): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return normalizeId(name.replace(EXTENSIONS, ''), options);
}

/** Strips the configured prefixes and suffixes from an identifier (either side of a match), each in the order given. */
export function normalizeId(id: string, options: SpecIdOptions = {}): string {
  let out = id.trim();
  for (const prefix of asList(options.stripPrefix))
    if (prefix && out.startsWith(prefix)) out = out.slice(prefix.length);
  for (const suffix of asList(options.stripSuffix))
    if (suffix && out.endsWith(suffix)) out = out.slice(0, -suffix.length);
  return out;
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
