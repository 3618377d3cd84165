export { SPEED_OF_LIGHT_KMS } from './constants.js';
export { csvText } from './csv-text.js';
export type { ErrorLocation, SpectraErrorCode } from './errors.js';
export { isSpectraError, SpectraError } from './errors.js';
export { ccm89, redden } from './extinction.js';
export { isIsoDate } from './iso-date.js';
export type { MkClass, SpectralType } from './mk-classes.js';
export {
  classOfLabel,
  classOfSubtype,
  MK_CLASSES,
  MK_CLASSIFICATION_REGION,
  mkPosition,
  orderClasses,
  parseSpectralType,
  SUBTYPES_PER_CLASS,
  subtypeIndex,
  subtypeName,
} from './mk-classes.js';
export { nodeBuiltin } from './node-builtin.js';
export type { Random } from './seeded-random.js';
export { deriveSeed, seededRandom } from './seeded-random.js';
export { meanAndStd } from './statistics.js';
export { escapeControl } from './terminal-text.js';
export { temporaryOwner, temporaryPath, writeFileAtomic } from './write-file-atomic.js';
