import { parse } from 'csv-parse/sync';
import { LabelCatalogError } from './errors.js';
import { normalizeId, type SpecIdOptions } from './spec-id.js';

/** Which CSV columns hold which label (`--catalog-*-field`); only `object` is required. */
export interface CatalogFields {
  object: string;
  spectral?: string;
  luminosity?: string;
  teff?: string;
  logg?: string;
  feh?: string;
  quality?: string;
}

/** One catalogue entry after validation. */
export interface CatalogEntry {
  id: string;
  line: number;
  spectralClass: string | null;
  luminosityClass: string | null;
  teffK: number | null;
  loggCgs: number | null;
  fehDex: number | null;
  quality: string | null;
}

/** A problem with one row, reported with its line number, never silently dropped. */
export interface CatalogProblem {
  line: number;
  message: string;
}

/** A parsed catalogue: entries by normalised id, and the problems found. */
export interface LabelCatalog {
  source: string;
  entries: Map<string, CatalogEntry>;
  problems: CatalogProblem[];
}

/**
 * Parses a label catalogue CSV. Unknown field names fail at once (naming the columns present); rows with a missing
 * id, a non-numeric Teff/log g/[Fe/H] or a duplicate id are reported with their line numbers (the first of
 * duplicated ids is kept). Ids are normalised with the same prefix/suffix stripping as file names.
 */
export function parseLabelCatalog(
  csv: string,
  fields: CatalogFields,
  options: SpecIdOptions & { source?: string; file?: string } = {},
): LabelCatalog {
  const records = parse(csv, {
    columns: false,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    trim: true,
  }) as string[][];
  if (records.length === 0) throw new LabelCatalogError('label catalogue is empty', options.file);
  const header = records[0];
  const column = (name: string | undefined, role: string) => {
    if (name === undefined) return -1;
    const index = header.indexOf(name);
    if (index < 0)
      throw new LabelCatalogError(
        `catalogue field '${name}' (${role}) is not a column; columns: ${header.join(', ')}`,
        options.file,
        'SPECTRA_CATALOG_FIELD',
      );
    return index;
  };
  const at = {
    object: column(fields.object, 'object id'),
    spectral: column(fields.spectral, 'spectral class'),
    luminosity: column(fields.luminosity, 'luminosity class'),
    teff: column(fields.teff, 'Teff'),
    logg: column(fields.logg, 'log g'),
    feh: column(fields.feh, '[Fe/H]'),
    quality: column(fields.quality, 'quality'),
  };
  const entries = new Map<string, CatalogEntry>();
  const problems: CatalogProblem[] = [];
  records.slice(1).forEach((record, k) => {
    const line = k + 2;
    const cell = (index: number) => (index >= 0 ? (record[index] ?? '').trim() : '');
    const rawId = cell(at.object);
    if (!rawId) {
      problems.push({ line, message: `missing ${fields.object}` });
      return;
    }
    const numeric = (index: number, name: string | undefined) => {
      const text = cell(index);
      if (index < 0 || text === '') return null;
      const value = Number(text);
      if (!Number.isFinite(value)) {
        problems.push({ line, message: `${name} '${text}' is not a number` });
        return null;
      }
      return value;
    };
    const id = normalizeId(rawId, options);
    const entry: CatalogEntry = {
      id,
      line,
      spectralClass: cell(at.spectral) || null,
      luminosityClass: cell(at.luminosity) || null,
      teffK: numeric(at.teff, fields.teff),
      loggCgs: numeric(at.logg, fields.logg),
      fehDex: numeric(at.feh, fields.feh),
      quality: cell(at.quality) || null,
    };
    const previous = entries.get(id);
    if (previous) {
      problems.push({
        line,
        message: `duplicate id '${rawId}' (first on line ${previous.line}); kept the first`,
      });
      return;
    }
    entries.set(id, entry);
  });
  return { source: options.source ?? 'catalogue', entries, problems };
}

/** Reads and parses a label catalogue file (see parseLabelCatalog). Node only. */
export async function loadLabelCatalog(
  path: string,
  fields: CatalogFields,
  options: SpecIdOptions = {},
): Promise<LabelCatalog> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new LabelCatalogError('cannot read the label catalogue', path);
  }
  const source = path.split(/[\\/]/).pop() ?? 'catalogue';
  return parseLabelCatalog(text, fields, { ...options, source, file: path });
}

/** One row of the label table. */
export interface LabelRow {
  spec_id: string;
  class_mk: string | null;
  teff_k: number | null;
  logg_cgs: number | null;
  fe_h_dex: number | null;
  label_source: string | null;
  label_quality: string | null;
}

/**
 * A label row for every spectrum: catalogue values when its spec_id matches, otherwise the directory label (class
 * only, `label_source = 'directory'`) and nulls; the unmatched spec_ids are returned so they can be reported.
 */
export function labelRows(
  spectra: ReadonlyArray<{ specId: string; directoryLabel?: string }>,
  catalog: LabelCatalog | undefined,
): { rows: LabelRow[]; unmatched: string[] } {
  const rows: LabelRow[] = [];
  const unmatched: string[] = [];
  for (const { specId, directoryLabel } of spectra) {
    const entry = catalog?.entries.get(specId);
    if (entry) {
      rows.push({
        spec_id: specId,
        class_mk: entry.spectralClass ? `${entry.spectralClass}${entry.luminosityClass ?? ''}` : null,
        teff_k: entry.teffK,
        logg_cgs: entry.loggCgs,
        fe_h_dex: entry.fehDex,
        label_source: catalog!.source,
        label_quality: entry.quality,
      });
      continue;
    }
    unmatched.push(specId);
    rows.push({
      spec_id: specId,
      class_mk: directoryLabel ?? null,
      teff_k: null,
      logg_cgs: null,
      fe_h_dex: null,
      label_source: directoryLabel ? 'directory' : null,
      label_quality: null,
    });
  }
  return { rows, unmatched };
}
