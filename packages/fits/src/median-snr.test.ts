import { syntheticSpectrumFile } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { SDSS_BAD_PIXEL_BITS } from './adapters/bad-pixel-bits.js';
import { medianSnr } from './median-snr.js';
import { readSpectrum } from './read-spectrum.js';

describe('medianSnr and the survey bad pixels', () => {
  it("is the median of flux·√ivar over the survey's good pixels (mean of the middle two for even counts)", async () => {
    const spectrum = await readSpectrum(syntheticSpectrumFile({ pixels: 4, snr: 10, lines: [] }));
    spectrum.flux.set([1, 2, 3, 4]);
    spectrum.ivar.set([1, 1, 1, 1]);
    spectrum.badPixels.set([0, 0, 1, 1]);
    expect(medianSnr(spectrum)).toEqual({ median: 1.5, goodPixels: 2 });
    expect(medianSnr({ ...spectrum, uncertainty: 'none' })).toEqual({ median: null, goodPixels: 0 });
  });

  it('an SDSS file: only the bad bits of the AND mask make a pixel bad, informational bits do not', async () => {
    const FULLREJECT = 1 << 18;
    const NEARBADPIXEL = 1 << 16;
    expect(SDSS_BAD_PIXEL_BITS & FULLREJECT).not.toBe(0);
    expect(SDSS_BAD_PIXEL_BITS & NEARBADPIXEL).toBe(0);
    const spectrum = await readSpectrum(
      syntheticSpectrumFile({
        pixels: 6,
        snr: 10,
        lines: [],
        andMask: [FULLREJECT, NEARBADPIXEL, 0, 0, 0, 0],
      }),
    );
    expect(Array.from(spectrum.badPixels)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(medianSnr(spectrum).goodPixels).toBe(5);
  });
});
