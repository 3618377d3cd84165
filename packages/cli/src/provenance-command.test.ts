import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDataset } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './run-captured.js';

const run = runCaptured;

describe('spectra provenance', async () => {
  const root = mkdtempSync(join(tmpdir(), 'spectra-provenance-'));
  const data = join(root, 'data');
  await generateDataset(data, { perClass: 6, seed: 21, formats: 'mix' });
  const out = join(root, 'out');
  const catalog = [
    '--label-catalog',
    join(data, 'labels.csv'),
    '--catalog-object-field',
    'OBJECT_ID',
    '--catalog-spectral-field',
    'SPECTRAL_CLASS',
    '--catalog-luminosity-field',
    'LUMINOSITY_CLASS',
    '--catalog-teff-field',
    'TEFF',
    '--catalog-logg-field',
    'LOGG',
    '--catalog-feh-field',
    'FE_H',
    '--catalog-quality-field',
    'PARAMFLAG',
    '--catalog-strip-prefix',
    'SDSS_',
    '--catalog-strip-suffix',
    '_dr17',
  ];

  it('writes every table the reference README names, readable by DuckDB, and reports the classes', async () => {
    const { code, stdout, stderr } = await run(
      'provenance',
      data,
      '--quiet',
      '--metadata-table',
      join(out, 'spectra-metadata.parquet'),
      '--data-release',
      'SDSS-IV DR17',
      '--retrieval-date',
      '2024-01-15',
      '--survey-wavelength-calibrated',
      '--survey-flux-calibrated',
      '--post-processing-steps',
      'continuum normalisation',
      '--calibration-reference',
      'https://www.sdss4.org/dr17/spectro/spectra/',
      '--calibration-reference',
      'Bolton et al. 2012, AJ 144, 144',
      ...catalog,
      '--label-table',
      join(out, 'spectra-labels.parquet'),
      '--spectra-manifest',
      join(out, 'spectra-manifest.csv'),
      '--survey',
      'SDSS-IV',
      '--manifest-notes',
      'synthetic',
      '--manifest-created-at',
      '2026-11-24T00:00:00Z',
      '--preproc-log',
      join(out, 'preprocessing-log.data'),
      '--preproc-log-format',
      'parquet',
      '--splits-dir',
      join(out, 'splits'),
    );
    expect(stderr).toContain('warning: 42 spectra');
    expect(code).toBe(0);
    expect(stdout).toContain('42 of 42 spectra read');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const query = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjects();
    const [meta] = await query(
      `SELECT count(*) n, any_value(data_release) r, bool_and(survey_flux_calibrated) f, any_value(calibration_references) c FROM '${join(out, 'spectra-metadata.parquet')}'`,
    );
    expect(Number(meta.n)).toBe(42);
    expect(meta.r).toBe('SDSS-IV DR17');
    expect(meta.f).toBe(true);
    expect(JSON.parse(String(meta.c))).toEqual([
      'https://www.sdss4.org/dr17/spectro/spectra/',
      'Bolton et al. 2012, AJ 144, 144',
    ]);
    const [labels] = await query(
      `SELECT count(*) n, count(teff_k) AS with_teff FROM '${join(out, 'spectra-labels.parquet')}'`,
    );
    expect(Number(labels.n)).toBe(42);
    expect(Number(labels.with_teff)).toBeGreaterThan(36);
    const [log] = await query(
      `SELECT count(*) n, count(DISTINCT step_name) steps FROM read_parquet('${join(out, 'preprocessing-log.data')}')`,
    );
    // The same seven steps a training run applies and logs: load, then the model's preprocessing.
    expect(Number(log.n)).toBe(42 * 7);
    expect(Number(log.steps)).toBe(7);
    const manifest = readFileSync(join(out, 'spectra-manifest.csv'), 'utf8').split('\n');
    expect(manifest[0]).toBe(
      'spec_id,survey,data_release,source_path,checksum,wavelength_frame,wavelength_grid,crval1,cd1_1,coeff0,coeff1,flux_unit,created_at,notes',
    );
    expect(readdirSync(join(out, 'splits')).sort()).toEqual([
      'test_split.csv',
      'train_split.csv',
      'validation_split.csv',
    ]);
  });

  it('reports and skips a bad file (exit 1), and --strict makes it fatal', async () => {
    writeFileSync(join(data, 'K', 'broken.fits'), 'SIMPLE  =                    T');
    const lenient = await run('provenance', data, '--quiet', '--metadata-table', join(out, 'm.csv'));
    expect(lenient.code).toBe(1);
    expect(lenient.stderr).toMatch(/skipped .*broken\.fits: .*\[SPECTRA_FITS_NOT_FITS\]/);
    const strict = await run(
      'provenance',
      data,
      '--quiet',
      '--strict',
      '--metadata-table',
      join(out, 'm2.csv'),
    );
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/broken\.fits/);
    expect(readdirSync(out)).not.toContain('m2.csv');
  });

  it('bad usage exits 2 with one line: a catalogue field not in the CSV, a date that is not ISO', async () => {
    const field = await run(
      'provenance',
      data,
      '--label-catalog',
      join(data, 'labels.csv'),
      '--catalog-object-field',
      'APOGEE_ID',
    );
    expect(field.code).toBe(2);
    expect(field.stderr.trim().split('\n').length).toBe(1);
    expect(field.stderr).toContain("catalogue field 'APOGEE_ID'");
    const date = await run('provenance', data, '--retrieval-date', '15/01/2024');
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('not an ISO 8601 date');
  });
});
