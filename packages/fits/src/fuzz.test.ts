import { readFileSync, writeFileSync } from 'node:fs';
import { seededRandom } from '@spectra/core';
import {
  fixturePath,
  hasSharedFixtures,
  realSpectrumFiles,
  syntheticSpectrumFile,
} from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { SpectraError } from './errors.js';
import { type FitsFile, parseFits } from './fits-file.js';
import { mutate } from './fuzz-mutations.js';
import { spectrumFromFits } from './read-spectrum.js';

/**
 * Reads everything a user could ask of a file, each HDU and each column on its own (one that fails does not hide
 * the others); returns what escaped that is not a SpectraError, and the decode budget used per input byte.
 */
function exercise(bytes: Uint8Array): { escaped: unknown[]; budgetRatio: number } {
  const escaped: unknown[] = [];
  const attempt = (action: () => unknown) => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof SpectraError)) escaped.push(error);
    }
  };
  let file: FitsFile | undefined;
  attempt(() => {
    file = parseFits(bytes, { name: 'fuzz.fits', maxBytes: 64 << 20 });
  });
  if (!file) return { escaped, budgetRatio: 0 };
  const opened = file;
  for (const hdu of opened.hdus) {
    if (hdu.type === 'primary' || hdu.type === 'image' || hdu.type === 'compressed-image') {
      attempt(() => hdu.image());
      attempt(() => hdu.image({ scale: false }));
    }
    if (hdu.type === 'bintable' || hdu.type === 'compressed-image') {
      attempt(() => {
        const table = hdu.table();
        for (const info of table.columns) attempt(() => table.column(info.name));
        if (table.rows > 0) attempt(() => table.row(table.rows - 1));
      });
    }
    if (hdu.type === 'table') {
      attempt(() => {
        const table = hdu.asciiTable();
        for (const info of table.columns) attempt(() => table.column(info.name));
      });
    }
  }
  attempt(() => spectrumFromFits(opened, { allowPixelGrid: true }));
  return { escaped, budgetRatio: opened.budget.used / bytes.length };
}

const MUTATIONS = Number(process.env.SPECTRA_FUZZ_MUTATIONS ?? 3000);

describe('fuzzing the readers with mutated files', () => {
  const seeds = hasSharedFixtures
    ? realSpectrumFiles()
        .filter((f) => !f.includes('templates'))
        .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(fixturePath(f))) }))
    : [{ name: 'synthetic', bytes: syntheticSpectrumFile({ pixels: 400 }) }];

  it(`${MUTATIONS} seeded mutations of ${seeds.length} files: every HDU and column decoded, nothing but SpectraError escapes, nothing takes over 1 s`, () => {
    const random = seededRandom(20261124);
    const escaped: string[] = [];
    const slow: string[] = [];
    let worstBudget = 0;
    let worstMemory = 0;
    const started = Date.now();
    for (let i = 0; i < MUTATIONS; i++) {
      const seed = seeds[i % seeds.length];
      const bytes = mutate(seed.bytes, random.uniform);
      const t0 = performance.now();
      const before = process.memoryUsage();
      const result = exercise(bytes);
      const after = process.memoryUsage();
      const seconds = (performance.now() - t0) / 1000;
      for (const error of result.escaped)
        escaped.push(`${seed.name} #${i}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      if (seconds > 1) slow.push(`${seed.name} #${i}: ${seconds.toFixed(2)} s`);
      worstBudget = Math.max(worstBudget, result.budgetRatio);
      const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
      worstMemory = Math.max(worstMemory, grown);
      expect(seconds, `mutation ${i} of ${seed.name} took too long`).toBeLessThan(5);
    }
    const report = {
      mutations: MUTATIONS,
      files: seeds.length,
      untypedErrors: escaped.length,
      slowCases: slow.length,
      worstDecodeBudgetPerInputByte: Number(worstBudget.toFixed(2)),
      // Heap + array buffers grown across one case (GC may run in between, so it is an estimate), MiB.
      worstHeapGrowthMiB: Number((worstMemory / 2 ** 20).toFixed(1)),
      peakRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      seconds: (Date.now() - started) / 1000,
      examples: [...escaped.slice(0, 5), ...slow.slice(0, 5)],
    };
    if (process.env.SPECTRA_FUZZ_REPORT)
      writeFileSync(process.env.SPECTRA_FUZZ_REPORT, JSON.stringify(report, null, 1));
    expect(escaped.slice(0, 5)).toEqual([]);
    expect(slow.slice(0, 5)).toEqual([]);
    expect(
      worstBudget,
      'decoded bytes stay within the budget of 3 bytes per input byte + 64 MiB',
    ).toBeLessThan(3 + (64 * 2 ** 20) / 2880);
    if (!process.env.SPECTRA_FUZZ_LONG) expect(Date.now() - started).toBeLessThan(240_000);
    expect(process.memoryUsage().rss, 'resident memory stays bounded').toBeLessThan(2 * 1024 ** 3);
  });
});
