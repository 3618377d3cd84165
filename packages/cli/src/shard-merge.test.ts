import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDataset } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from './run-captured.js';

describe('--shard I/N and spectra merge', async () => {
  const root = mkdtempSync(join(tmpdir(), 'spectra-shards-'));
  const data = join(root, 'data');
  await generateDataset(data, { perClass: 5, seed: 8, formats: 'mix' });
  const tables = (dir: string) => [
    '--metadata-table',
    join(dir, 'meta.parquet'),
    '--spectra-manifest',
    join(dir, 'manifest.csv'),
    '--preproc-log',
    join(dir, 'log.csv'),
    '--label-table',
    join(dir, 'labels.csv'),
    '--manifest-created-at',
    '2026-01-01T00:00:00Z',
    '--quiet',
  ];

  it('3 shards merged equal one unsharded run', async () => {
    const sharded = join(root, 'sharded');
    for (const i of [1, 2, 3]) {
      const result = await run('provenance', data, '--shard', `${i}/3`, ...tables(sharded));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`part-${i}-of-3`);
    }
    const merged = await run(
      'merge',
      ...['meta.parquet', 'manifest.csv', 'log.csv', 'labels.csv'].map((f) => join(sharded, f)),
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('35 rows from 3 parts');
    const whole = join(root, 'whole');
    expect((await run('provenance', data, ...tables(whole))).code).toBe(0);
    for (const f of ['manifest.csv', 'log.csv', 'labels.csv'])
      expect(readFileSync(join(sharded, f), 'utf8')).toBe(readFileSync(join(whole, f), 'utf8'));
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (path: string) =>
      JSON.stringify((await db.runAndReadAll(`SELECT * FROM '${path}'`)).getRowObjectsJson());
    expect(await rows(join(sharded, 'meta.parquet'))).toBe(await rows(join(whole, 'meta.parquet')));
  });

  it('names a missing part and refuses a bad shard', async () => {
    const partial = join(root, 'partial');
    await run('provenance', data, '--shard', '1/2', ...tables(partial));
    const missing = await run('merge', join(partial, 'manifest.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('part 2 of 2');
    const bad = await run('provenance', data, '--shard', '3/2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('1 ≤ I ≤ N');
  });
});
