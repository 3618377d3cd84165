import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, syntheticSpectrumFile, TINY_MODEL_FLAGS } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const built = ['core', 'fits', 'lines', 'synth', 'provenance', 'model', 'plot', 'pipeline', 'cli'].every(
  (p) => existsSync(join(repoRoot, `packages/${p}/dist/index.js`)),
);
const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8' });

// The examples import the packages by their published names, so they need the build (the test command makes it).
describe.skipIf(!built)('Node examples run as documented', () => {
  const spectrum = join(mkdtempSync(join(tmpdir(), 'spectra-examples-')), 'spec-1234-56789-0042.fits');
  writeFileSync(spectrum, syntheticSpectrumFile({ snr: 60, teffK: 9000 }));

  it('read-spectrum.mjs prints the format, first wavelength, frame and labels', () => {
    const out = run('read-spectrum.mjs', spectrum).trim().split('\n');
    expect(out[0]).toBe('sdss-spec');
    // 10**loglam with loglam stored as float32 3.58 (= 3.5799999237...).
    expect(out[1]).toBe('3801.8933 vacuum');
    expect(out[2]).toBe('STAR A0');
    expect(out[3]).toBe('3800 0');
  });

  it('find-lines.mjs recovers the radial velocity of a synthetic G star within 15 km/s and names its lines', async () => {
    const { planDataset, renderSpectrum, spectrumFileBytes, fileNameOf } = await import('@spectra/synth');
    const plan = planDataset({ counts: { G: 1 }, seed: 12, snrRange: [60, 80] })[0];
    const record = renderSpectrum(plan);
    const file = join(mkdtempSync(join(tmpdir(), 'spectra-examples-')), fileNameOf(record));
    writeFileSync(file, spectrumFileBytes(record));
    const out = run('find-lines.mjs', file);
    const rv = Number(/radial velocity (-?[\d.]+)/.exec(out)![1]);
    expect(Math.abs(rv - plan.star.rvKms)).toBeLessThan(15);
    for (const name of ['Ca II K', 'Hα']) expect(out).toContain(name);
  });

  it('make-survey.mjs writes a small survey with its catalogue', () => {
    const out = run('make-survey.mjs', mkdtempSync(join(tmpdir(), 'spectra-examples-')));
    expect(out).toMatch(/^14 spectra, \d+ catalogue rows in .*labels\.csv/);
  });

  it('write-tables.mjs writes the metadata, manifest and splits of a survey', async () => {
    const { generateDataset } = await import('@spectra/synth');
    const root = mkdtempSync(join(tmpdir(), 'spectra-examples-'));
    await generateDataset(join(root, 'data'), { perClass: 3, seed: 2 });
    const out = run('write-tables.mjs', join(root, 'data'), join(root, 'tables'));
    expect(out).toContain('21 spectra; wrote 5 files');
    expect(existsSync(join(root, 'tables', 'spectra-metadata.parquet'))).toBe(true);
  });

  it('plot-spectrum.mjs draws Figure 1 to a PNG', () => {
    const png = join(mkdtempSync(join(tmpdir(), 'spectra-examples-')), 'figure.png');
    const out = run('plot-spectrum.mjs', spectrum, png);
    expect(out).toMatch(/figure\.png: \d+ lines marked/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('classify.mjs classifies with a model folder that spectra train saved', async () => {
    const { generateDataset } = await import('@spectra/synth');
    const { runCaptured } = await import('@spectra/cli');
    const root = mkdtempSync(join(tmpdir(), 'spectra-examples-'));
    await generateDataset(join(root, 'data'), { perClass: 6, seed: 3 });
    const trained = await runCaptured(
      'train',
      join(root, 'data'),
      '--model-out',
      join(root, 'model'),
      ...TINY_MODEL_FLAGS,
    );
    expect(trained.code, trained.stderr).toBe(0);
    const out = run('classify.mjs', join(root, 'model'), spectrum).trim();
    expect(out).toMatch(
      /spec-1234-56789-0042\.fits: [OBAFGKM] \([OBAFGKM] \d+\.\d%, [OBAFGKM] \d+\.\d%\) \[wasm\]/,
    );
  });

  it('run-pipeline.mjs, through the library, writes the same tables and a model with the same predictions as spectra pipeline', async () => {
    const { generateDataset } = await import('@spectra/synth');
    const { runCaptured } = await import('@spectra/cli');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const root = mkdtempSync(join(tmpdir(), 'spectra-examples-'));
    const data = join(root, 'data');
    const survey = await generateDataset(data, { perClass: 8, seed: 6, formats: 'mix' });
    const library = join(root, 'library');
    const cli = join(root, 'cli');
    const out = run('run-pipeline.mjs', data, library, '7');
    expect(out).toMatch(/classes: O, B, A, F, G, K, M/);
    const tables = join(cli, 'tables');
    const flags = ['--epochs', '3', '--batch-size', '16', '--input-length', '512', '--filters', '8,16'];
    flags.push('--kernel-sizes', '7,5', '--pool-sizes', '4,4', '--dense-units', '16', '--workers', '1');
    const ran = await runCaptured(
      'pipeline',
      data,
      ...flags,
      '--seed',
      '7',
      '--out-dir',
      cli,
      '--metadata-table',
      join(tables, 'spectra-metadata.parquet'),
      '--spectra-manifest',
      join(tables, 'spectra-manifest.csv'),
      '--label-table',
      join(tables, 'spectra-labels.csv'),
      '--preproc-log',
      join(tables, 'preprocessing-log.parquet'),
      '--manifest-created-at',
      '2026-01-01T00:00:00Z',
      '--no-show-history',
      '--quiet',
    );
    expect(ran.code, ran.stderr).toBe(0);
    for (const csv of [
      'tables/spectra-manifest.csv',
      'tables/spectra-labels.csv',
      'supplement/splits/train_split.csv',
      'supplement/splits/validation_split.csv',
      'supplement/splits/test_split.csv',
      'reports/dataset_overview.csv',
      'reports/evaluation_confusion.csv',
    ])
      expect(readFileSync(join(library, csv), 'utf8'), csv).toBe(readFileSync(join(cli, csv), 'utf8'));
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    for (const parquet of ['tables/spectra-metadata.parquet', 'tables/preprocessing-log.parquet']) {
      const rows = async (dir: string) =>
        (await db.runAndReadAll(`SELECT * FROM '${join(dir, parquet)}'`)).getRowObjectsJson();
      const fromLibrary = await rows(library);
      expect(fromLibrary.length, parquet).toBeGreaterThan(50);
      expect(fromLibrary, parquet).toEqual(await rows(cli));
    }
    const files = survey.files.slice(0, 6);
    const predict = async (model: string) => {
      const result = await runCaptured('predict', model, ...files, '--json');
      expect(result.code, result.stderr).toBe(0);
      return result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).probabilities);
    };
    expect(await predict(join(library, 'model'))).toEqual(await predict(join(cli, 'model')));
  }, 120_000);
});
