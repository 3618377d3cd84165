#!/usr/bin/env node
// Trains the classifier shipped in packages/model/pretrained/ on the real library stars of ../shared/realstars
// (built with its build.py when missing), with the default recipe of `spectra pipeline` (the same code path), and
// writes the model folder plus training numbers for MODEL_CARD.md.
// Usage (after a build): node packages/model/scripts/train-pretrained.mjs [--data DIR] [--seed 1] [--epochs 30]
//   [--patience N] (default: the recipe's) [--out DIR] (default: packages/model/pretrained)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const value = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const data = resolve(value('--data', join(root, '../realstars-build')));
const seed = Number(value('--seed', 1));
const epochs = Number(value('--epochs', 30));
const patience = value('--patience');
if (!existsSync(join(data, 'labels.csv')))
  execFileSync('/usr/bin/python3', [resolve(root, '../shared/realstars/build.py'), '--out', data], {
    stdio: 'inherit',
  });
const { train } = await import(join(root, 'packages/pipeline/dist/index.js'));
const { defaultRecipe } = await import(join(root, 'packages/model/dist/index.js'));
const out = resolve(value('--out', join(root, 'packages/model/pretrained')));
const reports = mkdtempSync(join(tmpdir(), 'spectra-pretrained-'));
const recipe = defaultRecipe();
const result = await train(
  {
    root: data,
    preprocess: recipe.preprocess,
    fit: { ...recipe.fit, epochs, ...(patience !== undefined && { patience: Number(patience) }) },
    seed,
    modelOut: out,
    reportDir: reports,
    labelCatalog: join(data, 'labels.csv'),
    catalogFields: { object: 'spec_id', spectral: 'sptype' },
    manifest: { createdAt: '2026-11-29T00:00:00Z' },
  },
  {
    onEvent: (event) => {
      if (event.type === 'epoch')
        console.log(
          `epoch ${event.epoch.epoch}: loss ${event.epoch.loss.toFixed(3)} val ${event.epoch.valAccuracy?.toFixed(3)}`,
        );
    },
  },
);
const summary = {
  spectra: result.report.read,
  classes: result.report.classes,
  splitCounts: result.report.splitCounts,
  epochs: result.history.length,
  testAccuracy: result.test.accuracy,
  testWithinOneLetter: result.test.withinOneLetter,
  testEce: result.test.ece,
  testBySnr: result.test.bySnr,
  baselineAccuracy: result.baseline?.accuracy ?? null,
  baselineBySnr: result.baseline?.bySnr ?? null,
  calibration: result.calibration,
};
writeFileSync(join(reports, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
console.log(JSON.stringify(summary, null, 1));
rmSync(reports, { recursive: true, force: true });
