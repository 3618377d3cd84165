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

  it('--hive: 3 shards written as Hive-partitioned datasets that DuckDB reads in place as the unsharded table', async () => {
    const hive = join(root, 'hive');
    for (const i of [1, 2, 3]) {
      const result = await run('provenance', data, '--shard', `${i}/3`, '--hive', ...tables(hive));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(join('meta', `shard=000${i}`, 'part-0.parquet'));
    }
    const whole = join(root, 'whole-for-hive');
    expect((await run('provenance', data, ...tables(whole))).code).toBe(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = async (sql: string) => JSON.stringify((await db.runAndReadAll(sql)).getRowObjectsJson());
    expect(
      await rows(
        `SELECT * EXCLUDE (shard) FROM read_parquet('${hive}/meta/**/*.parquet', hive_partitioning = true) ORDER BY spec_id`,
      ),
    ).toBe(await rows(`SELECT * FROM '${join(whole, 'meta.parquet')}' ORDER BY spec_id`));
    expect(
      await rows(
        `SELECT shard, count(*) AS n FROM read_parquet('${hive}/meta/**/*.parquet', hive_partitioning = true) GROUP BY shard ORDER BY shard`,
      ),
    ).toMatch(/^\[\{"shard":"0001","n":"\d+"\},\{"shard":"0002"/);
    expect(
      await rows(
        `SELECT count(*) AS n FROM read_csv('${hive}/manifest/**/*.csv', hive_partitioning = true, header = true)`,
      ),
    ).toBe(JSON.stringify([{ n: '35' }]));
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
