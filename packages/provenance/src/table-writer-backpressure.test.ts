import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wasmMemory } from 'parquet-wasm';
import { expect, it } from 'vitest';
import type { TableSchema } from './table-schema.js';
import { writeTable } from './table-writer.js';

// In a file of its own: the test file's fresh parquet-wasm instance starts with small memory, so its growth is
// what this write needed (wasm memory only grows).
type Row = Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', string>;
const SCHEMA: TableSchema<Row> = (['a', 'b', 'c', 'd', 'e', 'f'] as const).map((c) => [c, 'string'] as const);

it('a whole table written at once waits for the Parquet encoder instead of queueing every batch in wasm memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-backpressure-'));
  try {
    // 100k rows × 6 columns × ~44 bytes: ~27 MB of Arrow data if every batch were queued before encoding.
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const cell = `${i}-${'spectrum-provenance-text-'.repeat(2)}`.slice(0, 44);
      return { a: cell, b: cell, c: cell, d: cell, e: cell, f: cell };
    });
    await writeTable(join(dir, 'warm.parquet'), rows.slice(0, 1000), SCHEMA);
    const before = wasmMemory().buffer.byteLength;
    await writeTable(join(dir, 'table.parquet'), rows, SCHEMA);
    const grown = (wasmMemory().buffer.byteLength - before) / 2 ** 20;
    expect(grown).toBeLessThan(12);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
