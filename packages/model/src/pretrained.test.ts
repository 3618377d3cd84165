import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSpectrum } from '@spectra/fits';
import { fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { classify, loadPretrained, pretrainedModelFolder } from './pretrained.js';

const shipped = existsSync(join(pretrainedModelFolder(), 'spectra-model.json'));
if (!shipped) console.warn('skipping the pretrained-classifier tests: packages/model/pretrained/ is missing');

describe.skipIf(!shipped)('the pretrained classifier shipped in @spectra/model', () => {
  it('is a small, calibrated model folder with a training domain, over the MK letters', async () => {
    const saved = await loadPretrained();
    expect(saved.metadata.classNames).toEqual(['O', 'B', 'A', 'F', 'G', 'K', 'M']);
    expect(saved.metadata.calibration?.temperature).toBeGreaterThan(0);
    expect(saved.metadata.domain?.centroids).toHaveLength(7);
    expect(saved.model.countParams()).toBeLessThan(1_250_000); // ≤ 5 MB of float32 weights
  });

  it.skipIf(!hasSharedFixtures)(
    'classifies the real stars of the fixtures and answers the galaxy and the QSOs with "not a star"',
    async () => {
      const read = (file: string) => readSpectrum(fixturePath(`spectra/${file}`));
      const stars = await classify([
        await read('sdss-spec/spec-3586-55181-0500.fits'), // G1V
        await read('sdss-spec/spec-4961-55719-0378.fits'), // F3/F5V
        await read('sdss-spec/spec-0618-52049-0372.fits'), // M1
      ]);
      for (const star of stars) expect(star.rejection, star.source).toBeNull();
      expect(stars[2].className).toBe('M');
      expect(['F', 'G']).toContain(stars[0].className);
      for (const file of [
        'sdss-spec/spec-0266-51602-0013.fits', // galaxy, z = 0.12
        'sdss-spec/spec-0332-52367-0639.fits', // QSO, z = 0.10
        'sdss-spspec/spSpec-51993-0542-631.fit', // QSO, z = 2.23
      ]) {
        const answer = await classify(await read(file));
        expect(answer.className, file).toBeNull();
        expect(answer.rejection?.reason, file).toMatch(/not that of a star|unlike every class|covers/);
      }
      // LAMOST medium resolution: two arms at 4,950–5,350 and 6,300–6,800 Å, none of the blue-violet region.
      const mrs = await classify(await read('lamost/med-58625-TD192102N424113K01_sp12-076.fits.gz'));
      expect(mrs.className).toBeNull();
      expect(mrs.rejection?.code).toBe('no-classification-region');
    },
  );
});
