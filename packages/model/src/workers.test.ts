import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '@spectra/synth';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPreprocessChoices } from './model-input.js';
import { prepareDataset } from './prepare-dataset.js';

describe('prepareDataset in worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectra-workers-'));
  await generateDataset(join(dir, 'data'), { perClass: 4, seed: 12, formats: 'mix' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same samples, in the same order, as one thread, and keeps unreadable files reported', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'data', 'G', 'broken.fits'), 'SIMPLE  =                    T');
    const prepare = (workers: number) =>
      prepareDataset(join(dir, 'data'), { preprocess: defaultPreprocessChoices(512), workers });
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
    expect(two.provenance.failed).toHaveLength(1);
    expect(two.provenance.failed[0].path).toContain('broken.fits');
    one.close();
    two.close();
  });
});
