import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPreprocessChoices, PREPROCESS_STEPS } from '@spectra/model';
import { generateDataset } from '@spectra/synth';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareDataset } from './prepare-dataset.js';
import { readDataset } from './read-dataset.js';

describe('prepareDataset in worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-workers-'));
  await generateDataset(join(dir, 'data'), { perClass: 4, seed: 12, formats: 'mix' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same samples, in the same order, as one thread, and keeps unreadable files reported', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'data', 'G', 'broken.fits'), 'SIMPLE  =                    T');
    const prepare = async (workers: number) =>
      (await prepareDataset(join(dir, 'data'), { preprocess: defaultPreprocessChoices(512), workers }))
        .dataset!;
    const report = async (workers: number) =>
      (await prepareDataset(join(dir, 'data'), { preprocess: null, workers })).report;
    const one = await prepare(1);
    const two = await prepare(2);
    expect(two.samples.map((s) => s.specId)).toEqual(one.samples.map((s) => s.specId));
    expect(two.samples.map((s) => s.coverage)).toEqual(one.samples.map((s) => s.coverage));
    const rows = one.samples.map((s) => s.row);
    expect(
      Buffer.from(two.stores.default.read(rows).buffer).equals(
        Buffer.from(one.stores.default.read(rows).buffer),
      ),
    ).toBe(true);
    const failed = (await report(2)).failed;
    expect(failed).toHaveLength(1);
    expect(failed[0].path).toContain('broken.fits');
    expect(failed[0].code).toMatch(/^SPECTRA_FITS_/);
    one.close();
    two.close();
  });

  it('readDataset yields one typed record per file, in file order, each with its rows and inputs', async () => {
    const seen: string[] = [];
    for await (const outcome of readDataset(join(dir, 'data'), {
      variants: { default: defaultPreprocessChoices(256) },
      withLog: true,
      shard: { index: 2, count: 2 },
    })) {
      expect(outcome.total).toBe(15);
      if (!outcome.ok) continue;
      seen.push(outcome.record.path);
      expect(outcome.record.inputs.default).toHaveLength(256 * defaultPreprocessChoices(256).channels);
      expect(outcome.record.logRows.map((r) => r.step_name)).toEqual(['load_spectrum', ...PREPROCESS_STEPS]);
      expect(outcome.record.meta.spec_id).toBe(outcome.record.specId);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));
    expect(seen.length).toBeGreaterThan(12);
  });
});
