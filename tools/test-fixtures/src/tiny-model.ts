/** `spectra train` flags for a model that trains in about a second (tests that need some model folder). */
export const TINY_MODEL_FLAGS = [
  '--epochs',
  '1',
  '--input-length',
  '256',
  '--filters',
  '4',
  '--kernel-sizes',
  '5',
  '--pool-sizes',
  '4',
  '--dense-units',
  '8',
  '--no-baseline',
  '--quiet',
] as const;
