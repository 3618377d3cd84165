import { writeFileAtomic } from '@spectra/fits';
import { stringify } from 'csv-stringify/sync';

/** Rows as CSV text with the given column order; null and undefined become empty fields. */
export function csvTable<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): string {
  return stringify(
    rows.map((row) => columns.map((c) => (row[c] === null || row[c] === undefined ? '' : row[c]))),
    { header: true, columns: [...columns], cast: { boolean: (v) => String(v) } },
  );
}

/** Writes rows as a CSV file atomically (temporary file + rename). */
export async function writeCsvTable<T extends object>(
  path: string,
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): Promise<void> {
  await writeFileAtomic(path, csvTable(rows, columns));
}
