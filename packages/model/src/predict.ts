import type { Spectrum } from '@spectra/fits';
import type { SavedModel } from './model-folder.js';
import { type Prediction, type PredictOptions, predictWith } from './predict-with.js';
import { predictSetInWorkers } from './train-model.js';

/**
 * Classifies spectra with a saved model: each is preprocessed as the model was trained, run through the network
 * (spread over `workers` threads for many spectra), calibrated, and answered with a class, probabilities, top-k and
 * subtype — or with a rejection and its reason when it covers too little of the grid, its redshift is
 * extragalactic, its S/N is too low, or it lies farther from every training class than the training spectra do.
 */
export function predict(
  spectra: readonly Spectrum[],
  saved: SavedModel,
  options: PredictOptions = {},
): Promise<Prediction[]> {
  return predictWith(spectra, saved, options, (model, set) =>
    predictSetInWorkers(model, set, options.workers ?? 1),
  );
}
