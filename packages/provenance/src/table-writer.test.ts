import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  LABEL_SCHEMA,
  MANIFEST_SCHEMA,
  METADATA_SCHEMA,
  PREPROCESSING_SCHEMA,
  SPLIT_SCHEMA,
} from './table-columns.js';
import type { TableSchema } from './table-schema.js';
import { PARQUET_ROW_GROUP_ROWS, TableWriter, writeTable } from './table-writer.js';

const BUILT = join(repoRoot, 'packages/provenance/dist/index.js');
const DUCKDB_TYPE = {
  string: 'VARCHAR',
  int: 'INTEGER',
  float: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
};

/** A row of nulls and simple values for any schema, so every column type is exercised. */
function sampleRows<Row>(schema: TableSchema<Row>, n: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const [name, type] of schema) {
      if (i % 4 === 3 && name !== 'spec_id') row[name] = null;
      else if (type === 'string') row[name] = `${name}-${i}`;
      else if (type === 'int') row[name] = i;
      else if (type === 'float') row[name] = i / 3;
      else if (type === 'bool') row[name] = i % 2 === 0;
      else if (type === 'date') row[name] = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
      else row[name] = new Date(Date.UTC(2026, 10, 24, 0, 0, i)).toISOString();
    }
    return row as Row;
  });
}

async function duckdb(sql: string) {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  return (await connection.runAndReadAll(sql)).getRowObjects();
}

describe('tables are read back by an independent reader (DuckDB)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-tables-'));
  const schemas = {
    metadata: METADATA_SCHEMA,
    manifest: MANIFEST_SCHEMA,
    labels: LABEL_SCHEMA,
    preprocessing: PREPROCESSING_SCHEMA,
    splits: SPLIT_SCHEMA,
  };

  for (const [name, schema] of Object.entries(schemas) as Array<
    [string, TableSchema<Record<string, unknown>>]
  >) {
    it(`${name}: Parquet with the right column names, types and row count`, async () => {
      const path = join(dir, `${name}.parquet`);
      await writeTable(path, sampleRows(schema, 37), schema);
      const described = await duckdb(`DESCRIBE SELECT * FROM '${path}'`);
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual(
        schema.map(([n, t]) => [n, DUCKDB_TYPE[t]]),
      );
      const [{ n }] = await duckdb(`SELECT count(*) AS n FROM '${path}'`);
      expect(Number(n)).toBe(37);
      // Every column chunk compressed (ZSTD), for readers outside our stack.
      const codecs = await duckdb(`SELECT DISTINCT compression FROM parquet_metadata('${path}')`);
      expect(codecs.map((c) => c.compression)).toEqual(['ZSTD']);
    });

    it(`${name}: CSV with a header row and the same count`, async () => {
      const path = join(dir, `${name}.csv`);
      await writeTable(path, sampleRows(schema, 37), schema);
      expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(schema.map(([n]) => n).join(','));
      const [{ n }] = await duckdb(`SELECT count(*) AS n FROM read_csv('${path}', header = true)`);
      expect(Number(n)).toBe(37);
    });
  }

  it('streams 100k rows in batches into one Parquet file, nulls kept', async () => {
    const path = join(dir, 'big.parquet');
    const writer = new TableWriter(path, SPLIT_SCHEMA);
    const batch = sampleRows(SPLIT_SCHEMA, 10_000);
    for (let k = 0; k < 10; k++) await writer.write(batch);
    await writer.close();
    const [stats] = await duckdb(`SELECT count(*) AS n, count(sn_median) AS with_sn FROM '${path}'`);
    expect(Number(stats.n)).toBe(100_000);
    expect(Number(stats.with_sn)).toBe(75_000);
    // Row groups of PARQUET_ROW_GROUP_ROWS: the writer hands each to the file as it fills, holding none longer.
    const groups = await duckdb(`SELECT DISTINCT row_group_id FROM parquet_metadata('${path}')`);
    expect(groups).toHaveLength(100_000 / PARQUET_ROW_GROUP_ROWS);
  });

  it('a whole table given at once is written in batches, with one CSV header; an empty one is just the header', async () => {
    const path = join(dir, 'whole.csv');
    await writeTable(path, sampleRows(SPLIT_SCHEMA, 1_234), SPLIT_SCHEMA);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1_234);
    expect(lines.filter((l) => l.startsWith('spec_id,'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^spec_id-1233,/);
    const empty = join(dir, 'empty.csv');
    await writeTable(empty, [], SPLIT_SCHEMA);
    expect(readFileSync(empty, 'utf8').trimEnd().split('\n')).toHaveLength(1);
  });

  it('reaches the file while rows are still coming, not only at close()', async () => {
    const sub = mkdtempSync(join(dir, 'streaming-'));
    const writer = new TableWriter(join(sub, 'log.parquet'), SPLIT_SCHEMA);
    const batch = sampleRows(SPLIT_SCHEMA, 5_000);
    for (let k = 0; k < 5; k++) await writer.write(batch);
    await new Promise((r) => setTimeout(r, 50));
    const temporary = readdirSync(sub).find((f) => f.startsWith('log.parquet.tmp-'))!;
    expect(statSync(join(sub, temporary)).size).toBeGreaterThan(0);
    await writer.close();
  });

  // The child process imports the built package (Node 20 cannot run TypeScript); the test command builds first.
  it.skipIf(!existsSync(BUILT))('a run killed mid-export leaves the earlier file intact', async () => {
    const path = join(dir, 'killed.parquet');
    await writeTable(path, sampleRows(LABEL_SCHEMA, 5), LABEL_SCHEMA);
    const before = readFileSync(path);
    const script = join(dir, 'slow-export.mjs');
    const module = BUILT;
    writeFileSync(
      script,
      `const { TableWriter } = await import(${JSON.stringify(module)});
       const writer = new TableWriter(${JSON.stringify(path)}, [['spec_id', 'string']]);
       process.stdout.write('started\\n');
       for (;;) { await writer.write(Array.from({ length: 1000 }, (_, i) => ({ spec_id: 'x' + i }))); }`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () =>
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 300),
      );
      child.on('exit', (code) =>
        code !== null && code !== 0 ? reject(new Error(`child exited ${code}: ${stderr}`)) : undefined,
      );
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('killed.parquet.tmp-'))).toBe(true);
  });
});

describe('CSV cells cannot inject spreadsheet formulas (OWASP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-injection-'));
  type Row = { text: string; value: number; note: string | null };
  const schema: TableSchema<Row> = [
    ['text', 'string'],
    ['value', 'float'],
    ['note', 'string'],
  ];
  const hostile = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    '@SUM(A1:A2)',
    '-2+3',
    '\tTAB',
    '\rCR',
  ];
  const rows: Row[] = hostile.map((text, i) => ({ text, value: -1.5 * (i + 1), note: i ? null : 'plain' }));

  it('text cells that start with = + - @ tab or CR are written with a leading quote; numbers keep their sign', async () => {
    const path = join(dir, 'table.csv');
    await writeTable(path, rows, [['=BAD()', 'string'], ...schema.slice(1)] as unknown as TableSchema<Row>);
    const back = await duckdb(`SELECT * FROM read_csv('${path}', all_varchar = true)`);
    expect(Object.keys(back[0])).toEqual(["'=BAD()", 'value', 'note']);
    await writeTable(path, rows, schema);
    const cells = await duckdb(`SELECT * FROM read_csv('${path}', all_varchar = true)`);
    expect(cells.map((r) => r.text)).toEqual(hostile.map((t) => `'${t}`));
    expect(cells.map((r) => r.value)).toEqual(['-1.5', '-3', '-4.5', '-6', '-7.5', '-9']);
    expect(cells[0].note).toBe('plain');
  });

  it('Parquet keeps the raw value', async () => {
    const path = join(dir, 'table.parquet');
    await writeTable(path, rows, schema);
    const back = await duckdb(`SELECT text FROM '${path}'`);
    expect(back.map((r) => r.text)).toEqual(hostile);
  });
});
