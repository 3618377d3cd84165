export { ccm89, redden } from './extinction.js';
export type { FeatureLine } from './feature-model.js';
export { featureLines, interpolateStrength } from './feature-model.js';
export { BAND_FEATURES, EW_FEATURES, TEMPLATE_STRENGTHS } from './line-strengths.js';
export type { LuminosityClass, SpectralClass } from './mk-calibration.js';
export {
  CLASSES,
  hasGiant,
  loggFor,
  SUBTYPES,
  subtypeIndex,
  subtypeName,
  teffFor,
} from './mk-calibration.js';
export type { Random } from './seeded-random.js';
export { deriveSeed, seededRandom } from './seeded-random.js';
export type { StarParameters } from './spectrum-model.js';
export { modelSpectrum } from './spectrum-model.js';
