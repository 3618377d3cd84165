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

/** What is wrong with a catalogue row. */
export type CatalogProblemCode =
  | 'SPECTRA_CATALOG_QUOTE'
  | 'SPECTRA_CATALOG_FIELD_COUNT'
  | 'SPECTRA_CATALOG_LINE_ENDINGS'
  | 'SPECTRA_CATALOG_MISSING_ID'
  | 'SPECTRA_CATALOG_NUMBER'
  | 'SPECTRA_CATALOG_DUPLICATE';

/** A problem with one row, reported with its physical line number (1 = the header line), never silently dropped. */
export interface CatalogProblem {
  line: number;
  code: CatalogProblemCode;
  message: string;
}

/** A parsed catalogue: entries by normalised id, and the problems found. */
export interface LabelCatalog {
  source: string;
  entries: Map<string, CatalogEntry>;
  problems: CatalogProblem[];
}

/**
 * Parses a label catalogue CSV. Unknown field names fail at once (naming the columns present). Every malformed row
 * is reported with its physical line number (where the row starts, counting blank lines and the lines inside
 * multi-line fields) and a code, and left out: an unterminated quote (the rest of the file is one open field, so
 * reading stops there), a field count unlike the header's, a missing id, a non-numeric Teff/log g/[Fe/H], a
 * duplicate id (the first is kept). Mixed line endings (one LF-only line in a CRLF file) are reported and read as
 * line breaks, so they never merge two rows. Ids are normalised with the same prefix/suffix stripping as file names.
 */
export function parseLabelCatalog(
  csv: string,
  fields: CatalogFields,
  options: SpecIdOptions & { source?: string; file?: string } = {},
): LabelCatalog {
  const problems: CatalogProblem[] = [];
  const { text, mixed } = normaliseLineEndings(csv);
  if (mixed) problems.push(mixed);
  const { records, starts } = parseRecords(text, problems);
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
  records.slice(1).forEach((record, k) => {
    const line = starts[k + 1];
    if (record.length !== header.length) {
      problems.push({
        line,
        code: 'SPECTRA_CATALOG_FIELD_COUNT',
        message: `${record.length} fields where the header has ${header.length}; row left out`,
      });
      return;
    }
    const cell = (index: number) => (index >= 0 ? (record[index] ?? '').trim() : '');
    const rawId = cell(at.object);
    if (!rawId) {
      problems.push({ line, code: 'SPECTRA_CATALOG_MISSING_ID', message: `missing ${fields.object}` });
      return;
    }
    const numeric = (index: number, name: string | undefined) => {
      const text = cell(index);
      if (index < 0 || text === '') return null;
      const value = Number(text);
      if (!Number.isFinite(value)) {
        problems.push({ line, code: 'SPECTRA_CATALOG_NUMBER', message: `${name} '${text}' is not a number` });
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
        code: 'SPECTRA_CATALOG_DUPLICATE',
        message: `duplicate id '${rawId}' (first on line ${previous.line}); kept the first`,
      });
      return;
    }
    entries.set(id, entry);
  });
  problems.sort((a, b) => a.line - b.line);
  return { source: options.source ?? 'catalogue', entries, problems };
}

/**
 * One kind of line ending for the parser: CRLF and lone CR become LF. When the file mixes kinds, the first line
 * ending of a minority kind is reported.
 */
function normaliseLineEndings(csv: string): { text: string; mixed?: CatalogProblem } {
  const kinds = { crlf: 0, lf: 0, cr: 0 };
  const first: Record<keyof typeof kinds, number> = { crlf: 0, lf: 0, cr: 0 };
  let line = 1;
  for (let i = 0; i < csv.length; i++) {
    const c = csv.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const kind = c === 13 ? (csv.charCodeAt(i + 1) === 10 ? 'crlf' : 'cr') : 'lf';
    if (kind === 'crlf') i++;
    if (kinds[kind]++ === 0) first[kind] = line;
    line++;
  }
  const used = (Object.keys(kinds) as (keyof typeof kinds)[]).filter((k) => kinds[k] > 0);
  const text = kinds.crlf || kinds.cr ? csv.replace(/\r\n?/g, '\n') : csv;
  if (used.length < 2) return { text };
  const main = used.reduce((a, b) => (kinds[b] > kinds[a] ? b : a));
  const other = used.filter((k) => k !== main).reduce((a, b) => (first[b] < first[a] ? b : a));
  const names = { crlf: 'CRLF', lf: 'LF', cr: 'CR' };
  return {
    text,
    mixed: {
      line: first[other],
      code: 'SPECTRA_CATALOG_LINE_ENDINGS',
      message: `line ends with ${names[other]} in a file of ${names[main]} lines (${kinds[other]} such); read as a line break`,
    },
  };
}

/**
 * Parses the records and the physical line each starts on. A row the parser rejects (a quote closed in the middle of
 * a field, say) is reported and reading resumes on the next line; an unterminated quote ends the parse, since the
 * rest of the file is one open field.
 */
function parseRecords(text: string, problems: CatalogProblem[]): { records: string[][]; starts: number[] } {
  const bytes = new TextEncoder().encode(text);
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) newlines.push(i);
  // The line of the first non-blank byte at or after `offset`.
  const lineAt = (offset: number) => {
    let at = offset;
    while (at < bytes.length && (bytes[at] === 10 || bytes[at] === 32 || bytes[at] === 9)) at++;
    return lineOf(newlines, at);
  };
  const records: string[][] = [];
  const starts: number[] = [];
  let base = 0;
  while (base < bytes.length) {
    let consumed = base;
    try {
      parse(bytes.subarray(base), {
        columns: false,
        skip_empty_lines: true,
        relax_column_count: true,
        bom: base === 0,
        trim: true,
        on_record: (record, context) => {
          starts.push(lineAt(consumed));
          records.push(record);
          consumed = base + context.bytes;
          return null;
        },
      });
      break;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('CSV_')) throw error;
      const line = lineAt(consumed);
      if (code === 'CSV_QUOTE_NOT_CLOSED') {
        problems.push({
          line,
          code: 'SPECTRA_CATALOG_QUOTE',
          message: 'a quoted field is never closed: the rest of the file was not read',
        });
        break;
      }
      problems.push({
        line,
        code: 'SPECTRA_CATALOG_QUOTE',
        message: `the row cannot be parsed (${code}: ${(error as Error).message.split(':')[0]}); row left out`,
      });
      // Resume at the line after the one the parser stopped on (its `lines` count from the slice's first line).
      const baseLine = lineOf(newlines, base);
      const stopped = Math.max(line, baseLine + (Number((error as { lines?: number }).lines) || 1) - 1);
      if (stopped > newlines.length) break;
      base = newlines[stopped - 1] + 1;
    }
  }
  return { records, starts };
}
/** The 1-based line of byte `at`, given the offsets of the newlines. */
function lineOf(newlines: readonly number[], at: number): number {
  let low = 0;
  let high = newlines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (newlines[mid] < at) low = mid + 1;
    else high = mid;
  }
  return low + 1;
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
