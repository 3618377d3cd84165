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
      { line: 3, message: 'missing OBJECT_ID' },
      { line: 4, message: "TEFF 'hot' is not a number" },
      { line: 5, message: "duplicate id 'a' (first on line 2); kept the first" },
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
