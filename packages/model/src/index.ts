export type { LayersModel } from '@tensorflow/tfjs-layers';
export type { AugmentOptions } from './augment.js';
export { augmentBatch } from './augment.js';
export type { CnnConfig, ConvBlock } from './build-cnn.js';
export { buildCnn, buildLogisticRegression } from './build-cnn.js';
export { applyTemperature, fitTemperature } from './calibrate.js';
export type { Dataset, DatasetSample, Split } from './dataset.js';
export { createDataset } from './dataset.js';
export { ModelFolderError } from './errors.js';
export type {
  BinAccuracy,
  ClassMetrics,
  Curve,
  Evaluation,
  EvaluationInput,
  ReliabilityBin,
} from './evaluate.js';
export { COVERAGE_BINS, evaluatePredictions, RELIABILITY_BINS, SNR_BINS } from './evaluate.js';
export type { EvaluateClassifierOptions, FitOptions, FitResult, ReleaseShiftRow } from './experiment.js';
export {
  calibrateClassifier,
  dominantRelease,
  evaluateClassifier,
  fitClassifier,
  inRelease,
  RELEASE_SHIFT_FOLDS,
  releaseShift,
} from './experiment.js';
export { FileSampleStore } from './file-sample-store.js';
export { INFERENCE_BATCH } from './inference-batch.js';
export { loadModelFromUrl } from './load-model-url.js';
export type { LogGrid } from './log-grid.js';
export { DEFAULT_GRID, gridEdges } from './log-grid.js';
export type { ModelMetadata, PreprocessChoices, SavedModel } from './model-folder.js';
export { loadModel, saveModel } from './model-folder.js';
export type { ModelInput } from './model-input.js';
export { modelInput } from './model-input.js';
export { neighbourTargets } from './neighbour-targets.js';
export { predict } from './predict.js';
export type { InferenceSet } from './predict-set.js';
export { predictSet } from './predict-set.js';
export type { Infer, Prediction, PredictOptions, RejectionCode } from './predict-with.js';
export { predictWith } from './predict-with.js';
export type { PreprocessedSpectrum, PreprocessOptions, PreprocessStep } from './preprocess-spectrum.js';
export { PREPROCESS_STEPS, preprocessSpectrum } from './preprocess-spectrum.js';
export { classify, loadPretrained, pretrainedModelFolder } from './pretrained.js';
export type { Recipe } from './recipe.js';
export { defaultCnnConfig, defaultPreprocessChoices, defaultRecipe, TRAINING_DEFAULTS } from './recipe.js';
export type { Resampled } from './resample-flux.js';
export { resampleFlux } from './resample-flux.js';
export type { SampleStore } from './sample-store.js';
export { MemorySampleStore, sampleRow } from './sample-store.js';
export type { BackendChoice, BackendName } from './select-backend.js';
export { selectBackend } from './select-backend.js';
export type { SubtypeHead } from './subtype-head.js';
export { fitSubtypeHead, predictSubtypes } from './subtype-head.js';
export type { EpochHistory, LabelledSet, LearningRateReduction, TrainOptions } from './train-model.js';
export {
  classWeights,
  lossAndAccuracy,
  PARALLEL_INFERENCE_MIN_ROWS,
  predictSetInWorkers,
  trainModel,
} from './train-model.js';
export type { TrainingDomain } from './training-domain.js';
export { DOMAIN_QUANTILE, domainDistance, trainingDomain } from './training-domain.js';
export type { Shard } from './training-workers.js';
export { TrainingWorkers } from './training-workers.js';
export { MODEL_PACKAGE_VERSION } from './version.js';
export {
  batchMatMulWasm,
  conv2DBackpropFilterWasm,
  conv2DBackpropInputWasm,
  maxPoolGradWasm,
  registerWasmTrainingKernels,
} from './wasm-gradients.js';
