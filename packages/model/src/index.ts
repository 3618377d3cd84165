export type { CnnConfig, ConvBlock } from './build-cnn.js';
export { buildCnn, defaultCnnConfig } from './build-cnn.js';
export type { LogGrid } from './log-grid.js';
export { DEFAULT_GRID, gridEdges } from './log-grid.js';
export type { PreprocessedSpectrum, PreprocessOptions } from './preprocess-spectrum.js';
export { preprocessSpectrum } from './preprocess-spectrum.js';
export type { Resampled } from './resample-flux.js';
export { resampleFlux } from './resample-flux.js';
export type { SampleStore } from './sample-store.js';
export { FileSampleStore, MemorySampleStore, sampleRow } from './sample-store.js';
export type { BackendChoice, BackendName } from './select-backend.js';
export { selectBackend } from './select-backend.js';
export type { EpochHistory, LabelledSet, TrainOptions } from './train-model.js';
export { classWeights, lossAndAccuracy, predictSet, trainModel } from './train-model.js';
export {
  conv2DBackpropFilterWasm,
  conv2DBackpropInputWasm,
  maxPoolGradWasm,
  registerWasmTrainingKernels,
} from './wasm-gradients.js';
