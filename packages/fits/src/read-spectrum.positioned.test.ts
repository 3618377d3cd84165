import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, hasSharedFixtures, missingFixturesMessage } from '@spectra/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from './byte-source.js';
import { FitsTruncatedError } from './errors.js';
import { FitsFile, readFits } from './fits-file.js';
import { openForReads } from './load-bytes.js';
import { readSpectrum, spectrumFromFits } from './read-spectrum.js';

if (!hasSharedFixtures) console.warn(missingFixturesMessage);

const sdssSpecFiles = () => {
  const dir = fixturePath('spectra/sdss-spec');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.fits'))
    .sort()
    .map((f) => join(dir, f));
};

describe.skipIf(!hasSharedFixtures)(
  'readSpectrum on a path: positioned reads of what the layout needs',
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'spectra-positioned-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('gives the same spectrum as decoding the whole file, reading a fraction of its bytes', async () => {
      for (const path of sdssSpecFiles()) {
        const whole = spectrumFromFits(await readFits(path));
        const opened = (await openForReads(path))!;
        let partial: ReturnType<typeof spectrumFromFits>;
        let file: FitsFile;
        try {
          file = new FitsFile(opened.source, path, false, 'as-needed');
          partial = spectrumFromFits(file);
        } finally {
          opened.close();
        }
        expect(partial.wavelength).toEqual(whole.wavelength);
        expect(partial.flux).toEqual(whole.flux);
        expect(partial.ivar).toEqual(whole.ivar);
        expect(partial.andMask).toEqual(whole.andMask);
        expect(partial.badPixels).toEqual(whole.badPixels);
        expect(partial.meta).toEqual(whole.meta);
        expect(partial.issues).toEqual(whole.issues);
        const size = statSync(path).size;
        const hdus = (await readFits(path)).hdus.length;
        // COADD (~150 kB) and the summary row's table come off the disk; per-exposure HDUs, neither header nor data.
        if (hdus > 4) expect(opened.source.bytesRead).toBeLessThan(size / 2);
      }
    });

    it('reads an SDSS spec file in at most five system calls (six or seven with a window at a time): the COADD data comes with the next header’s first blocks, a long header in one more read', async () => {
      for (const path of sdssSpecFiles()) {
        let calls = 0;
        const fd = openSync(path, 'r');
        try {
          const counting = {
            readSync: (...args: Parameters<typeof readSync>) => {
              calls++;
              return readSync(...args);
            },
          } as Pick<typeof import('node:fs'), 'readSync'>;
          const file = new FitsFile(fileSource(counting, fd, statSync(path).size), path, false, 'as-needed');
          expect(spectrumFromFits(file).flux).toEqual((await readSpectrum(path)).flux);
        } finally {
          closeSync(fd);
        }
        expect(calls).toBeLessThanOrEqual(5);
      }
    });

    it('reads the coadd of a file cut short in a per-exposure HDU, which readFits refuses', async () => {
      const path = sdssSpecFiles().find((p) => statSync(p).size > 1_000_000)!;
      const bytes = readFileSync(path);
      const cut = join(scratch, 'cut.fits');
      writeFileSync(cut, bytes.subarray(0, bytes.length - 100_000));
      await expect(readFits(cut)).rejects.toBeInstanceOf(FitsTruncatedError);
      const spectrum = await readSpectrum(cut);
      expect(spectrum.flux).toEqual((await readSpectrum(path)).flux);
    });
  },
);
