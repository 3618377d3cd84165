export type { FeatureLine, FeatureOptions } from './feature-model.js';
export { featureLines, opacityAllowed } from './feature-model.js';
export type {
  DatasetSummary,
  PlannedSpectrum,
  Release,
  RenderedFile,
  RenderFiles,
  SynthOptions,
} from './generate-dataset.js';
export {
  generateDataset,
  planDataset,
  RELEASES,
  renderFile,
  renderSpectrum,
  SYNTH_CATALOG,
  spectrumFileBytes,
  TABLE_A_COUNTS,
  TABLE_A_MEDIAN_SNR,
} from './generate-dataset.js';
export type { LuminosityClass } from './mk-calibration.js';
export { hasGiant, loggFor, SUBTYPES, teffFor, typicalStar } from './mk-calibration.js';
export type { Observation } from './noise-model.js';
export { MASK_BITS, observe } from './noise-model.js';
export type { OpacityComponent } from './opacity-calibration.js';
export { OPACITY_COMPONENTS, OPACITY_SUBTYPES } from './opacity-calibration.js';
export type { StarParameters } from './spectrum-model.js';
export { modelSpectrum } from './spectrum-model.js';
export type { Placement, SurveyFormat, SyntheticRecord } from './survey-formats.js';
export { FORMAT_GRIDS, fileNameOf, subclassOf, surveyHdus } from './survey-formats.js';
