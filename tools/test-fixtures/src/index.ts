export { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
export { bigEndian, card, concatBytes, handBuiltHdu } from './hand-built-fits.js';
export type { InjectedLine, InjectedLineSpectrum } from './injected-lines.js';
export { injectedLineSpectrum, scoreDetections } from './injected-lines.js';
export type { ExpectedArray, ExpectedFixture } from './shared-fixtures.js';
export {
  expectedFixtures,
  fixturePath,
  hasSharedFixtures,
  missingFixturesMessage,
  realSpectrumFiles,
  repoRoot,
  sharedFixturesDir,
} from './shared-fixtures.js';
export type { SyntheticSpecOptions } from './synthetic-spec.js';
export { syntheticSdssSpec, syntheticSpectrumFile } from './synthetic-spec.js';
export { TINY_MODEL_FLAGS } from './tiny-model.js';
