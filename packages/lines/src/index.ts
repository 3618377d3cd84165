export { airToVacuum, vacuumToAir } from './air-vacuum.js';
export type { DetectedLine, FindLinesOptions } from './find-lines.js';
export { DETECTED_LINE_COLUMNS, findLines } from './find-lines.js';
export type { ContinuumFit, ContinuumOptions } from './fit-continuum.js';
export { fitContinuum, robustSigma } from './fit-continuum.js';
export type { IdentifyOptions } from './identify-lines.js';
export { C_KMS, identifyLines } from './identify-lines.js';
export type { LineKind, LineListEntry } from './line-list.js';
export { LINE_LIST_COLUMNS, lineList, lineListCsv } from './line-list.js';
export type { RadialVelocity, RadialVelocityOptions } from './radial-velocity.js';
export { measureRadialVelocity } from './radial-velocity.js';
export type { SmoothOptions } from './smooth.js';
export { smooth } from './smooth.js';
export type { SpectrumInput } from './spectrum-input.js';
export {
  APOGEE_BAD_PIXEL_BITS,
  badPixelBits,
  goodPixels,
  LAMOST_BAD_PIXEL_BITS,
  SDSS_BAD_PIXEL_BITS,
} from './spectrum-input.js';
