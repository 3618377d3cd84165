import { MK_CLASSIFICATION_REGION } from '@spectra/core';
import type { Spectrum } from '@spectra/fits';
import type { PreprocessChoices } from './model-folder.js';
import { type PreprocessStep, preprocessSpectrum } from './preprocess-spectrum.js';
import { sampleRow } from './sample-store.js';

/** One spectrum made ready for the network. */
export interface ModelInput {
  /** length × channels values, the layout of one row of a sample store. */
  row: Float32Array;
  /** Fraction of the grid with data. */
  coverage: number;
  /**
   * Fraction of MK_CLASSIFICATION_REGION (3,800–4,600 Å, the rest frame's grid pixels within it) with data; null when
   * the model's grid does not span that region.
   */
  mkRegionCoverage: number | null;
  z: number;
  warnings: string[];
}

/** Preprocesses a spectrum with a model's choices (Figure 2), reporting each step to `onStep` when given. */
export function modelInput(
  spectrum: Spectrum,
  choices: PreprocessChoices,
  onStep?: (step: PreprocessStep) => void,
): ModelInput {
  const result = preprocessSpectrum(spectrum, {
    grid: choices.grid,
    restFrame: choices.restFrame,
    continuum: choices.continuum,
    deredden: choices.deredden,
    minCoverage: choices.minCoverage,
    fillValue: choices.fillValue,
    ...(choices.clip && { clip: choices.clip }),
    ...(onStep && { onStep }),
  });
  let covered = 0;
  for (const m of result.mask) covered += m;
  const { startAngstrom: low, endAngstrom: high } = MK_CLASSIFICATION_REGION;
  let inRegion = 0;
  let regionCovered = 0;
  if (choices.grid.startAngstrom <= low && choices.grid.endAngstrom >= high)
    for (const [k, centre] of result.wavelength.entries())
      if (centre >= low && centre <= high) {
        inRegion++;
        regionCovered += result.mask[k];
      }
  return {
    row: sampleRow(
      choices.center ? result.flux.map((v) => v - 1) : result.flux,
      result.mask,
      choices.channels,
    ),
    coverage: covered / result.mask.length,
    mkRegionCoverage: inRegion ? regionCovered / inRegion : null,
    z: result.z,
    warnings: result.warnings,
  };
}
