#!/usr/bin/env node
// What do models trained on simulated spectra say about real SDSS stars? Two training sets, one network:
//   A. the synthetic survey (@spectra/synth, Table A proportions, --per-class N each);
//   B. the 59 O–M PyHammer templates (real, SDSS-derived), each turned into --realisations noisy spectra on the
//      SDSS log-λ grid (3566–10350 Å, 1e-4 dex) with a radial velocity (±100 km/s), reddening (E(B−V) 0–0.3,
//      CCM89) and photon noise (S/N 10–80) — a more realistic training set.
// Both models classify the real stellar fixtures (G1V, F3/F5V, M1) in ../shared/fixtures/spectra/sdss-spec/.
// Usage (after a build): node bench/train/real-stars.mjs [--per-class 150] [--realisations 40] [--epochs 12]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const arg = (name, fallback) => {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const PER_CLASS = arg('per-class', 150);
const REALISATIONS = arg('realisations', 40);
const EPOCHS = arg('epochs', 12);
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { generateDataset } = await import(join(root, 'packages/synth/dist/index.js'));
const { redden, seededRandom, SPEED_OF_LIGHT_KMS, MK_CLASSES } = await import(
  join(root, 'packages/core/dist/index.js')
);
const model = await import(join(root, 'packages/model/dist/index.js'));
const { prepareDataset } = await import(join(root, 'packages/pipeline/dist/index.js'));
const shared = resolve(root, '../shared/fixtures');
const REAL = [
  ['spec-3586-55181-0500.fits', 'G1V'],
  ['spec-4961-55719-0378.fits', 'F3/F5V'],
  ['spec-0618-52049-0372.fits', 'M1'],
];
const real = await Promise.all(REAL.map(([f]) => readSpectrum(join(shared, 'spectra/sdss-spec', f))));
const { backend } = await model.selectBackend();
const choices = model.defaultPreprocessChoices();
const cnn = { seed: 7 };

async function report(label, saved) {
  const predictions = await model.predict(real, saved, { topK: 3 });
  console.log(`${label}:`);
  predictions.forEach((p, i) => {
    const top = p.topK.map((t) => `${t.className} ${(100 * t.probability).toFixed(0)}%`).join(', ');
    console.log(`  ${REAL[i][0]} (SDSS: ${REAL[i][1]}) → ${p.className}  [${top}]`);
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'spectra-real-stars-'));
try {
  // A. The synthetic survey.
  const synth = await generateDataset(join(scratch, 'synth'), {
    perClass: PER_CLASS,
    seed: 3,
    formats: 'mix',
  });
  const { dataset } = await prepareDataset(join(scratch, 'synth'), {
    preprocess: choices,
    workers: 2,
    labelCatalog: synth.catalogPath,
    catalogFields: { object: 'OBJECT_ID', spectral: 'SPECTRAL_CLASS', luminosity: 'LUMINOSITY_CLASS' },
    stripPrefix: 'SDSS_',
    stripSuffix: '_dr17',
  });
  let started = performance.now();
  const fitA = await model.fitClassifier(dataset, { epochs: EPOCHS, patience: 4, cnn, seed: 7 });
  const testA = await model.evaluateClassifier(fitA.model, dataset);
  console.log(
    `A. synthetic survey: ${dataset.samples.length} spectra, ${fitA.history.length} epochs on ${backend} in ${((performance.now() - started) / 1000).toFixed(0)} s; synthetic test accuracy ${(100 * testA.accuracy).toFixed(1)}%`,
  );
  const high = testA.bySnr.filter((b) => b.low >= 20 && b.count > 0);
  const highCount = high.reduce((a, b) => a + b.count, 0);
  const highAccuracy = high.reduce((a, b) => a + b.count * b.accuracy, 0) / Math.max(1, highCount);
  console.log(
    `   synthetic test spectra at S/N ≥ 20: ${(100 * highAccuracy).toFixed(1)}% of ${highCount} (target ≥ 95%)`,
  );
  await report('   real SDSS stars', {
    model: fitA.model,
    metadata: { classNames: dataset.classNames, preprocess: choices },
  });
  dataset.close();

  // B. Realisations of the PyHammer templates.
  const dir = join(shared, 'templates/pyhammer');
  const rows = readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1);
  const random = seededRandom(11);
  const grid = Float64Array.from({ length: 4600 }, (_, i) => 10 ** (3.5523 + 1e-4 * i));
  const store = new model.MemorySampleStore(choices.grid.length, choices.channels);
  const labels = [];
  const groups = [];
  const classNames = [...MK_CLASSES];
  for (const [t, row] of rows.entries()) {
    const [file, subtype] = row.split(',');
    if (!classNames.includes(subtype[0])) continue;
    const template = await readSpectrum(join(dir, file));
    for (let r = 0; r < REALISATIONS; r++) {
      const rv = 200 * (random.uniform() - 0.5);
      const ebv = 0.3 * random.uniform();
      const snr = 10 + 70 * random.uniform();
      const flux = new Float64Array(grid.length);
      const ivar = new Float32Array(grid.length);
      let j = 0;
      for (let i = 0; i < grid.length; i++) {
        const rest = grid[i] / (1 + rv / SPEED_OF_LIGHT_KMS);
        while (j < template.wavelength.length - 2 && template.wavelength[j + 1] < rest) j++;
        const [w0, w1] = [template.wavelength[j], template.wavelength[j + 1]];
        const inside = rest >= template.wavelength[0] && rest <= template.wavelength.at(-1);
        const f = inside
          ? template.flux[j] + ((template.flux[j + 1] - template.flux[j]) * (rest - w0)) / (w1 - w0)
          : 0;
        flux[i] = Number.isFinite(f) ? f : 0;
        ivar[i] = inside && Number.isFinite(f) ? 1 : 0;
      }
      redden(grid, flux, ebv);
      const level = [...flux].filter((v) => v > 0).sort((a, b) => a - b)[Math.floor(flux.length / 2)] ?? 1;
      const sigma = level / snr;
      const noisy = Float32Array.from(flux, (v, i) => (ivar[i] ? v + sigma * random.normal() : 0));
      for (let i = 0; i < grid.length; i++) if (ivar[i]) ivar[i] = 1 / sigma ** 2;
      const spectrum = {
        ...template,
        format: 'sdss-spec',
        wavelength: grid,
        flux: noisy,
        ivar,
        uncertainty: 'ivar',
        andMask: undefined,
        badPixels: Uint8Array.from(ivar, (v) => (v > 0 ? 0 : 1)),
        meta: { ...template.meta, redshift: rv / SPEED_OF_LIGHT_KMS, ebv },
      };
      store.append(model.modelInput(spectrum, choices).row);
      labels.push(classNames.indexOf(subtype[0]));
      groups.push(t);
    }
  }
  // Validation: every fifth template (all its realisations), so no template is on both sides.
  const rowsOf = (keep) => labels.map((_, i) => i).filter((i) => keep(groups[i] % 5 === 0));
  const train = rowsOf((v) => !v);
  const validation = rowsOf((v) => v);
  const network = model.buildCnn({ ...model.defaultCnnConfig(7, choices.grid.length), ...cnn });
  started = performance.now();
  const { history, bestEpoch: best } = await model.trainModel(
    network,
    { store, rows: train, labels: train.map((i) => labels[i]), classes: 7 },
    { store, rows: validation, labels: validation.map((i) => labels[i]), classes: 7 },
    { epochs: EPOCHS, batchSize: 64, patience: 4, seed: 7 },
  );
  console.log(
    `B. PyHammer realisations: ${labels.length} spectra from ${new Set(groups).size} templates, ${history.length} epochs in ${((performance.now() - started) / 1000).toFixed(0)} s; accuracy on held-out templates ${(100 * best.valAccuracy).toFixed(1)}%`,
  );
  await report('   real SDSS stars', { model: network, metadata: { classNames, preprocess: choices } });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
