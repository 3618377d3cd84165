import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { labelRows, parseLabelCatalog } from './label-catalog.js';
import { specIdFromPath } from './spec-id.js';
import { LABEL_SCHEMA } from './table-columns.js';
import { writeTable } from './table-writer.js';

const FIELDS = SYNTH_CATALOG.fields;

describe('label catalogue ingestion', () => {
  const fields = { object: 'id', spectral: 'sptype', teff: 'teff' };
  const codes = (csv: string) => parseLabelCatalog(csv, fields).problems.map((p) => `${p.line} ${p.code}`);

  it('an unterminated quote is reported on the physical line where it opens; the rows before it are kept', () => {
    const rows = ['id,sptype,teff'];
    for (let i = 1; i <= 60; i++) rows.push(`s${i},G2,5800`);
    rows.push('s61,"K1,5100');
    for (let i = 62; i <= 70; i++) rows.push(`s${i},M1,3600`);
    const catalog = parseLabelCatalog(rows.join('\n'), fields);
    expect(catalog.problems).toEqual([
      {
        line: 62,
        code: 'SPECTRA_CATALOG_QUOTE',
        message: 'a quoted field is never closed: the rest of the file was not read',
      },
    ]);
    expect(catalog.entries.size).toBe(60);
  });

  it('a row the CSV parser rejects is reported with its line, and reading goes on', () => {
    expect(codes('id,sptype,teff\na,G2,5800\n\nb,"K1"x,5100\nc,M1,hot')).toEqual([
      '4 SPECTRA_CATALOG_QUOTE',
      '5 SPECTRA_CATALOG_NUMBER',
    ]);
  });

  it('rows with too many or too few fields are reported and left out', () => {
    expect(codes('id,sptype,teff\na,G2,5800\nb,K1\nc,M1,3600,extra\nd,F5,6500')).toEqual([
      '3 SPECTRA_CATALOG_FIELD_COUNT',
      '4 SPECTRA_CATALOG_FIELD_COUNT',
    ]);
  });

  it('line numbers stay physical after blank lines and multi-line quoted fields', () => {
    const csv = 'id,sptype,teff\n\na,"G2\nV",5800\n\n\nb,K1,cold\n"c\n\nd",M1,x';
    expect(codes(csv)).toEqual(['7 SPECTRA_CATALOG_NUMBER', '8 SPECTRA_CATALOG_NUMBER']);
  });

  it('one LF-only line in a CRLF file is reported and does not merge two rows', () => {
    const csv = 'id,sptype,teff\r\na,G2,5800\r\nb,G2,5700\nc,K6,4200\r\nd,M1,3600\r\n';
    const catalog = parseLabelCatalog(csv, fields);
    expect(catalog.problems.map((p) => `${p.line} ${p.code}`)).toEqual(['3 SPECTRA_CATALOG_LINE_ENDINGS']);
    expect(catalog.entries.get('b')!.spectralClass).toBe('G2');
    expect(catalog.entries.get('c')!.spectralClass).toBe('K6');
    expect(catalog.entries.get('c')!.teffK).toBe(4200);
  });

  it('reports malformed rows with their line numbers: missing id, non-numeric Teff, duplicate id', () => {
    const csv = [
      'OBJECT_ID,SPECTRAL_CLASS,TEFF',
      'a,G2,5770',
      ',K1,5100',
      'b,F5,hot',
      'a,G3,5700',
      'c,M2,3560',
    ].join('\n');
    const catalog = parseLabelCatalog(csv, { object: 'OBJECT_ID', spectral: 'SPECTRAL_CLASS', teff: 'TEFF' });
    expect(catalog.problems).toEqual([
      { line: 3, code: 'SPECTRA_CATALOG_MISSING_ID', message: 'missing OBJECT_ID' },
      { line: 4, code: 'SPECTRA_CATALOG_NUMBER', message: "TEFF 'hot' is not a number" },
      {
        line: 5,
        code: 'SPECTRA_CATALOG_DUPLICATE',
        message: "duplicate id 'a' (first on line 2); kept the first",
      },
    ]);
    expect(catalog.entries.get('a')!.teffK).toBe(5770);
    expect(catalog.entries.get('b')!.teffK).toBeNull();
  });

  it('a field that is not a column fails at once, naming the columns', () => {
    expect(() => parseLabelCatalog('ID,TEFF\nx,5000\n', { object: 'APOGEE_ID' })).toThrowError(
      expect.objectContaining({
        code: 'SPECTRA_CATALOG_FIELD',
        message: expect.stringContaining('columns: ID, TEFF'),
      }),
    );
  });

  it('matches a synthetic survey by file stem, strips decorations, falls back to directory labels and reports them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spectra-labels-'));
    const summary = await generateDataset(dir, {
      perClass: 20,
      seed: 6,
      missingLabelFraction: 0.05,
      decoratedLabelFraction: 0.1,
    });
    const csv = readFileSync(summary.catalogPath, 'utf8');
    const spectra = summary.files.map((f) => ({
      specId: specIdFromPath(f),
      directoryLabel: f.split('/').at(-2)!,
    }));
    const plain = labelRows(spectra, parseLabelCatalog(csv, FIELDS, { source: 'synthetic' }));
    const prefixed = labelRows(
      spectra,
      parseLabelCatalog(csv, FIELDS, {
        source: 'synthetic',
        stripPrefix: SYNTH_CATALOG.prefix,
        stripSuffix: SYNTH_CATALOG.suffix,
      }),
    );
    expect(plain.rows.length).toBe(summary.files.length);
    expect(prefixed.unmatched.length).toBeLessThan(plain.unmatched.length);
    expect(prefixed.unmatched.length).toBe(summary.files.length - summary.catalogRows);
    const fallback = prefixed.rows.find((r) => r.label_source === 'directory')!;
    expect(fallback.teff_k).toBeNull();
    expect('OBAFGKM').toContain(fallback.class_mk);
    const matched = prefixed.rows.find((r) => r.label_source === 'synthetic')!;
    expect(matched.class_mk).toMatch(/^[OBAFGKM]\d(V|III)$/);
    expect(matched.teff_k).toBeGreaterThan(2000);
    const labelsPath = join(dir, 'labels-out.csv');
    await writeTable(labelsPath, prefixed.rows, LABEL_SCHEMA);
    const table = readFileSync(labelsPath, 'utf8');
    expect(table.split('\n')[0]).toBe('spec_id,class_mk,teff_k,logg_cgs,fe_h_dex,label_source,label_quality');
    expect(table.trim().split('\n').length).toBe(summary.files.length + 1);
  });
});
