#!/usr/bin/env node
// How realistic are the synthetic spectra? For every PyHammer template subtype O5–M9 (real, SDSS-derived), a
// noiseless synthetic dwarf of that subtype is matched to the nearest template by χ² (method in
// packages/synth/scripts/template-realism.mjs). Prints each match and the letter agreement, for the generator as
// shipped and with each star's own template left out of the calibration (leave-one-out: the opacity is then
// interpolated from the neighbouring subtypes only). Target (issue 3/7): ≥ 85%, never more than one letter off.
// Usage, after a build: node bench/synth/realism.mjs
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { fitContinuum } = await import(join(root, 'packages/lines/dist/index.js'));
const { modelSpectrum, typicalStar } = await import(join(root, 'packages/synth/dist/index.js'));
const { mkPosition } = await import(join(root, 'packages/core/dist/index.js'));
const { loadTemplates, matchTemplates } = await import(
  join(root, 'packages/synth/scripts/template-realism.mjs')
);

const templates = await loadTemplates(resolve(root, '../shared/fixtures/templates/pyhammer'), {
  readSpectrum,
  fitContinuum,
});
for (const leaveOneOut of [false, true]) {
  const result = matchTemplates(
    templates,
    { fitContinuum, modelSpectrum, typicalStar, mkPosition },
    { leaveOneOut },
  );
  console.log(leaveOneOut ? 'leave-one-out calibration:' : 'generator as shipped:');
  console.log(result.matches.map((m) => `${m.subtype}→${m.nearest}`).join(' '));
  console.log(
    `letter agreement ${result.agree}/${result.matches.length} (${(100 * result.agreement).toFixed(0)}%), worst ${result.worstLettersOff} letter(s) off`,
  );
}
