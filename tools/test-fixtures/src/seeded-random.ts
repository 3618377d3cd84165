// One seeded generator for the whole project: the one the synthetic survey uses.
export { seededRandom } from '@spectra/synth';
