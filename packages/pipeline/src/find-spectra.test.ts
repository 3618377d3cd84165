import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSpectra } from './find-spectra.js';

describe('findSpectra', () => {
  it('follows symbolic links to files and folders, as find -L does, without looping', async () => {
    const base = mkdtempSync(join(tmpdir(), 'spectra-links-'));
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(join(elsewhere, 'K'), { recursive: true });
    writeFileSync(join(elsewhere, 'K', 'spec-2.fits'), 'x');
    writeFileSync(join(elsewhere, 'single.fits.gz'), 'x');
    const root = join(base, 'root');
    mkdirSync(join(root, 'G'), { recursive: true });
    writeFileSync(join(root, 'G', 'spec-1.fits'), 'x');
    symlinkSync(join(elsewhere, 'K'), join(root, 'K')); // a linked class folder
    symlinkSync(join(elsewhere, 'single.fits.gz'), join(root, 'G', 'spec-3.fits.gz')); // a linked file
    symlinkSync(root, join(root, 'G', 'loop')); // a link back up the tree
    symlinkSync(join(base, 'missing.fits'), join(root, 'G', 'broken.fits')); // a broken link
    const found = await findSpectra(root);
    expect(found.map((f) => [relative(root, f.path), f.classLabel])).toEqual([
      ['G/spec-1.fits', 'G'],
      ['G/spec-3.fits.gz', 'G'],
      ['K/spec-2.fits', 'K'],
    ]);
  });
});
