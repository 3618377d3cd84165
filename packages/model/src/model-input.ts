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
  return {
    row: sampleRow(
      choices.center ? result.flux.map((v) => v - 1) : result.flux,
      result.mask,
      choices.channels,
    ),
    coverage: covered / result.mask.length,
    z: result.z,
    warnings: result.warnings,
  };
}
