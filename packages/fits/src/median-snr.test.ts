import { syntheticSpectrumFile } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { medianSnr } from './median-snr.js';
import { readSpectrum } from './read-spectrum.js';

describe('medianSnr', () => {
  it('is the median of flux·√ivar over unmasked pixels with ivar > 0 (mean of the middle two for even counts)', async () => {
    const spectrum = await readSpectrum(syntheticSpectrumFile({ pixels: 4, snr: 10, lines: [] }));
    spectrum.flux.set([1, 2, 3, 4]);
    spectrum.ivar.set([1, 1, 0, 1]);
    spectrum.andMask!.set([0, 0, 0, 1 << 18]);
    expect(medianSnr(spectrum)).toEqual({ median: 1.5, goodPixels: 2 });
    expect(medianSnr({ ...spectrum, uncertainty: 'none' })).toEqual({ median: null, goodPixels: 0 });
  });
});
