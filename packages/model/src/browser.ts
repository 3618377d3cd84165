// The browser entry of @spectra/model (the `browser` export condition): inference only — preprocessing, a model
// loaded over http (loadModelFromUrl, the same checks as a folder), predict in the page with calibration, subtypes
// and "not a star", evaluation of predictions. Training, worker threads, model folders on disk and the pretrained
// model's path are Node's (the package's main entry); in a page, serve the pretrained folder
// (node_modules/@spectra/model/pretrained) and load it by URL.
import type { Spectrum } from '@spectra/fits';
import type { SavedModel } from './model-folder.js';
import { predictSet } from './predict-set.js';
import { type Prediction, type PredictOptions, predictWith } from './predict-with.js';

export type { LayersModel } from '@tensorflow/tfjs-layers';
export { applyTemperature } from './calibrate.js';
export { ModelFolderError } from './errors.js';
export type { Evaluation, EvaluationInput } from './evaluate.js';
export { argmax, evaluatePredictions } from './evaluate.js';
export { loadModelFromUrl } from './load-model-url.js';
export type { LogGrid } from './log-grid.js';
export { DEFAULT_GRID, gridEdges } from './log-grid.js';
export type { ModelMetadata, PreprocessChoices, SavedModel } from './model-folder.js';
export type { ModelInput } from './model-input.js';
export { modelInput } from './model-input.js';
export type { InferenceSet } from './predict-set.js';
export { predictSet } from './predict-set.js';
export type { Prediction, PredictOptions, RejectionCode } from './predict-with.js';
export type { PreprocessedSpectrum, PreprocessOptions, PreprocessStep } from './preprocess-spectrum.js';
export { PREPROCESS_STEPS, preprocessSpectrum } from './preprocess-spectrum.js';
export type { Recipe } from './recipe.js';
export { defaultCnnConfig, defaultPreprocessChoices, defaultRecipe, TRAINING_DEFAULTS } from './recipe.js';
export type { SampleStore } from './sample-store.js';
export { MemorySampleStore, sampleRow } from './sample-store.js';
export type { BackendChoice, BackendName } from './select-backend.js';
export { selectBackend } from './select-backend.js';
export { MODEL_PACKAGE_VERSION } from './version.js';

/** Classifies spectra in the page (one thread): the same answers as the Node entry's predict. */
export function predict(
  spectra: readonly Spectrum[],
  saved: SavedModel,
  options: PredictOptions = {},
): Promise<Prediction[]> {
  return predictWith(spectra, saved, options, (model, set) => predictSet(model, set));
}
