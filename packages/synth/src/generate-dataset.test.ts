import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpectrum } from '@spectra/fits';
import { findLines } from '@spectra/lines';
import { describe, expect, it } from 'vitest';
import { generateDataset, planDataset, TABLE_A_COUNTS } from './generate-dataset.js';

function hashTree(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) =>
    join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
  )) {
    if (!entry.isFile()) continue;
    hash.update(entry.name);
    hash.update(readFileSync(join(entry.parentPath, entry.name)));
  }
  return hash.digest('hex');
}

describe('generateDataset', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-synth-'));
  const summary = await generateDataset(dir, { perClass: 12, formats: 'mix', seed: 4 });

  it('writes one folder per class and the requested counts, with Table A as the default plan', () => {
    expect(summary.counts).toEqual({ O: 12, B: 12, A: 12, F: 12, G: 12, K: 12, M: 12 });
    for (const letter of 'OBAFGKM') expect(readdirSync(join(dir, letter)).length).toBe(12);
    expect(planDataset().length).toBe(Object.values(TABLE_A_COUNTS).reduce((a, b) => a + b, 0));
  });

  it.each(['sdss-spec', 'sdss-spspec', 'lamost-image'] as const)(
    'every %s file reads back through readSpectrum with the metadata that was written',
    async (format) => {
      const formatDir = mkdtempSync(join(tmpdir(), 'spectra-synth-'));
      const written = await generateDataset(formatDir, { perClass: 3, formats: [format], seed: 4 });
      const formats = new Set<string>();
      const plan = planDataset({ perClass: 3, formats: [format], seed: 4 });
      for (const file of written.files) {
        const spectrum = await readSpectrum(file);
        formats.add(spectrum.format);
        const letter = file.split('/').at(-2)!;
        const item = plan.find(
          (p) =>
            p.plate === (spectrum.meta.plate ?? p.plate) &&
            p.fiber === spectrum.meta.fiberId &&
            p.mjd === spectrum.meta.mjd,
        )!;
        expect(item, file).toBeDefined();
        expect(item.letter).toBe(letter);
        expect(spectrum.frame).toBe('vacuum');
        expect(spectrum.wavelength.length).toBeGreaterThan(3800);
        expect(Math.abs(spectrum.meta.raDeg! - item.raDeg)).toBeLessThan(1e-5);
        if (spectrum.format === 'sdss-spec')
          expect(spectrum.meta.subClass).toBe(`${item.star.subtype}${item.star.luminosity}`);
        if (spectrum.format === 'lamost-image') expect(spectrum.meta.subClass).toBe(item.star.subtype);
        expect(spectrum.issues.filter((i) => i.code !== 'SPECTRA_WCS_DC_FLAG')).toEqual([]);
      }
      expect(formats).toEqual(new Set([format]));
    },
  );

  it('the same seed writes byte-identical files; another seed does not', async () => {
    const again = mkdtempSync(join(tmpdir(), 'spectra-synth-'));
    await generateDataset(again, { perClass: 12, formats: 'mix', seed: 4 });
    expect(hashTree(again)).toBe(hashTree(dir));
    const other = mkdtempSync(join(tmpdir(), 'spectra-synth-'));
    await generateDataset(other, { perClass: 12, formats: 'mix', seed: 5 });
    expect(hashTree(other)).not.toBe(hashTree(dir));
  });

  it('shares plate–MJD groups between several spectra, so leakage-aware splits matter', () => {
    const plan = planDataset({ perClass: 40, seed: 9 });
    const groups = new Map<string, number>();
    for (const p of plan) groups.set(`${p.plate}-${p.mjd}`, (groups.get(`${p.plate}-${p.mjd}`) ?? 0) + 1);
    expect(groups.size).toBeLessThan(plan.length / 5);
    expect(new Set(plan.map((p) => `${p.plate}-${p.mjd}-${p.fiber}`)).size).toBe(plan.length);
  });

  it('writes a label catalogue with a few rows missing and a few ids decorated', () => {
    const csv = readFileSync(summary.catalogPath, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('OBJECT_ID,SPECTRAL_CLASS,LUMINOSITY_CLASS,TEFF,LOGG,FE_H,PARAMFLAG');
    expect(csv.length - 1).toBe(summary.catalogRows);
    const big = planDataset({ perClass: 100, seed: 1 }).length;
    expect(big).toBe(700);
    expect(summary.catalogRows).toBeLessThanOrEqual(summary.files.length);
    const row = csv[1].split(',');
    expect(Number(row[3])).toBeGreaterThan(2000);
    expect(['V', 'III']).toContain(row[2]);
  });

  it('draws median S/N around Table A per class', () => {
    const plan = planDataset({ perClass: 200, seed: 2 });
    const median = (letter: string) => {
      const values = plan
        .filter((p) => p.letter === letter)
        .map((p) => p.snrTarget)
        .sort((a, b) => a - b);
      return values[values.length >> 1];
    };
    expect(median('F')).toBeGreaterThan(50);
    expect(median('F')).toBeLessThan(70);
    expect(median('O')).toBeLessThan(median('F'));
  });

  // Ca II H and Hε lie 1.6 Å apart and form one feature at R ≈ 2000, named after whichever centre it falls nearer.
  it('a high-S/N synthetic G star shows the features an astronomer expects: Ca II K, the H/Hε blend, Mg b, Na D, Hα', async () => {
    const gdir = mkdtempSync(join(tmpdir(), 'spectra-synth-'));
    const { files } = await generateDataset(gdir, {
      counts: { G: 3 },
      seed: 8,
      snrRange: [90, 100],
      rvRangeKms: [0, 0],
    });
    for (const file of files) {
      const names = new Set(findLines(await readSpectrum(file), { identify: {} }).map((l) => l.transition));
      for (const name of ['Ca II K', 'Hα']) expect(names, `${name} in ${file}`).toContain(name);
      expect(
        ['Ca II H', 'Hε'].some((n) => names.has(n)),
        `Ca II H/Hε in ${file}`,
      ).toBe(true);
      expect(
        ['Mg b1', 'Mg b2', 'Mg b4'].some((n) => names.has(n)),
        `Mg b in ${file}`,
      ).toBe(true);
      expect(
        ['Na D1', 'Na D2'].some((n) => names.has(n)),
        `Na D in ${file}`,
      ).toBe(true);
    }
  });
});
