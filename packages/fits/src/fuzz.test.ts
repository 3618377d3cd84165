import { readFileSync } from 'node:fs';
import { seededRandom } from '@spectra/core';
import {
  fixturePath,
  hasSharedFixtures,
  realSpectrumFiles,
  syntheticSpectrumFile,
} from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { SpectraError } from './errors.js';
import { parseFits } from './fits-file.js';
import { mutate } from './fuzz-mutations.js';
import { spectrumFromFits } from './read-spectrum.js';

/** Reads everything a user could ask of a file; only SpectraError may escape. */
function exercise(bytes: Uint8Array): void {
  const file = parseFits(bytes, { name: 'fuzz.fits', maxBytes: 64 << 20 });
  for (const hdu of file.hdus) {
    if (hdu.isImage) hdu.image();
    if (hdu.type === 'bintable') {
      const table = hdu.table();
      for (const info of table.columns) table.column(info.name);
      if (table.rows > 0) table.row(0);
    }
    if (hdu.type === 'table') {
      const table = hdu.asciiTable();
      for (const info of table.columns) table.column(info.name);
    }
  }
  spectrumFromFits(file, { allowPixelGrid: true });
}

const MUTATIONS = Number(process.env.SPECTRA_FUZZ_MUTATIONS ?? 3000);

describe('fuzzing the readers with mutated files', () => {
  const seeds = hasSharedFixtures
    ? realSpectrumFiles()
        .filter((f) => !f.includes('templates'))
        .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(fixturePath(f))) }))
    : [{ name: 'synthetic', bytes: syntheticSpectrumFile({ pixels: 400 }) }];

  it(`${MUTATIONS} seeded mutations of ${seeds.length} files: nothing but SpectraError escapes, nothing hangs`, () => {
    const random = seededRandom(20261124);
    const escaped: string[] = [];
    const started = Date.now();
    for (let i = 0; i < MUTATIONS; i++) {
      const seed = seeds[i % seeds.length];
      const bytes = mutate(seed.bytes, random.uniform);
      const t0 = Date.now();
      try {
        exercise(bytes);
      } catch (error) {
        if (!(error instanceof SpectraError))
          escaped.push(`${seed.name} #${i}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      }
      expect(Date.now() - t0, `mutation ${i} of ${seed.name} took too long`).toBeLessThan(5000);
    }
    expect(escaped.slice(0, 5)).toEqual([]);
    if (!process.env.SPECTRA_FUZZ_LONG) expect(Date.now() - started).toBeLessThan(240_000);
    expect(process.memoryUsage().rss, 'resident memory stays bounded').toBeLessThan(2 * 1024 ** 3);
  });
});
