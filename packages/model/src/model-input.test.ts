import { MK_CLASSIFICATION_REGION } from '@spectra/core';
import { readSpectrum, type Spectrum } from '@spectra/fits';
import { fileNameOf, planDataset, renderSpectrum, spectrumFileBytes } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { modelInput } from './model-input.js';
import { defaultPreprocessChoices } from './recipe.js';

/** The spectrum's pixels from `from` Å on (every per-pixel array cut alike). */
function cutBelow(spectrum: Spectrum, from: number): Spectrum {
  const first = spectrum.wavelength.findIndex((w) => w >= from);
  const n = spectrum.flux.length;
  const cut = Object.fromEntries(
    Object.entries(spectrum).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) && (value as unknown as ArrayLike<number>).length === n
        ? (value as unknown as Float32Array).slice(first)
        : value,
    ]),
  );
  return cut as unknown as Spectrum;
}

describe('modelInput', async () => {
  const plan = planDataset({ counts: { G: 1 }, seed: 5, rvRangeKms: [0, 0], snrRange: [50, 60] })[0];
  const record = renderSpectrum(plan);
  const spectrum = await readSpectrum(spectrumFileBytes(record), { name: fileNameOf(record) });
  const choices = defaultPreprocessChoices();

  it('measures how much of the MK classification region (3,800–4,600 Å) a spectrum covers', () => {
    expect(spectrum.wavelength[0]).toBeLessThan(MK_CLASSIFICATION_REGION.startAngstrom);
    expect(modelInput(spectrum, choices).mkRegionCoverage).toBe(1);
    // From 4,200 Å on: the region's upper part, ln(4600/4200) / ln(4600/3800) of it in log λ.
    const red = modelInput(cutBelow(spectrum, 4200), choices);
    expect(red.mkRegionCoverage).toBeCloseTo(Math.log(4600 / 4200) / Math.log(4600 / 3800), 2);
    expect(red.coverage).toBeGreaterThan(0.8); // most of the grid is still there
    expect(modelInput(cutBelow(spectrum, 4700), choices).mkRegionCoverage).toBe(0);
  });

  it('has no region coverage for a model whose grid does not span the region', () => {
    const redGrid = { ...choices, grid: { startAngstrom: 5000, endAngstrom: 9000, length: 1024 } };
    expect(modelInput(spectrum, redGrid).mkRegionCoverage).toBeNull();
  });
});
