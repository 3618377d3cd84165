export interface RealismTemplate {
  subtype: string;
  normalized: Float64Array;
  smoothed: Float64Array;
}
export interface RealismMatch {
  subtype: string;
  nearest: string;
  lettersOff: number;
}
export const REALISM_GRID: Float64Array;
export function rebin(
  wavelength: ArrayLike<number>,
  values: ArrayLike<number>,
  grid: Float64Array,
): Float64Array;
export function loadTemplates(
  dir: string,
  deps: { readSpectrum: unknown; fitContinuum: unknown },
): Promise<RealismTemplate[]>;
export function normaliseToTemplate(
  wavelength: Float64Array,
  flux: Float64Array,
  templateNormalized: Float64Array,
  fitContinuum: unknown,
): Float64Array;
export function distance(flux: Float64Array, template: RealismTemplate, fitContinuum: unknown): number;
export function matchTemplates(
  templates: RealismTemplate[],
  deps: { fitContinuum: unknown; modelSpectrum: unknown; typicalStar: unknown; mkPosition: unknown },
  options?: { leaveOneOut?: boolean },
): { matches: RealismMatch[]; agreement: number; agree: number; worstLettersOff: number };
