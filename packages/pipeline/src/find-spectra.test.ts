import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFiles, findSpectra } from './find-spectra.js';

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
    expect(Array.from(found, (f) => [relative(root, f.path), f.classLabel])).toEqual([
      ['G/spec-1.fits', 'G'],
      ['G/spec-3.fits.gz', 'G'],
      ['K/spec-2.fits', 'K'],
    ]);
  });

  it('reports the paths under the root as given, sorted, with their class folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'spectra-list-'));
    for (const [folder, name] of [
      ['B', 'b-2.fits'],
      ['A', 'ä-1.fits'],
      ['A', 'a-1.fits'],
    ]) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, name), 'x');
    }
    writeFileSync(join(root, 'loose.fits'), 'x');
    const found = await findSpectra(`${root}/`);
    expect([...found]).toEqual([
      { path: join(root, 'A', 'a-1.fits'), classLabel: 'A' },
      { path: join(root, 'A', 'ä-1.fits'), classLabel: 'A' },
      { path: join(root, 'B', 'b-2.fits'), classLabel: 'B' },
      { path: join(root, 'loose.fits'), classLabel: null },
    ]);
    expect(found.at(-1)).toEqual(found.at(3));
    expect(found.at(4)).toBeUndefined();
    expect([...found.slice(1, 3)].map((f) => f.path)).toEqual([found.at(1)!.path, found.at(2)!.path]);
    expect(found.slice(2).at(0)).toEqual(found.at(2));
    expect(found.slice(3, 1).length).toBe(0);
  });

  it('packs paths as UTF-8 bytes and gives them back unchanged', () => {
    const list = DatasetFiles.pack('.', '/', ['G/spec-1.fits', 'loose.fits', 'K/☉.fits']);
    expect([...list]).toEqual([
      { path: 'G/spec-1.fits', classLabel: 'G' },
      { path: 'loose.fits', classLabel: null },
      { path: 'K/☉.fits', classLabel: 'K' },
    ]);
  });
});
