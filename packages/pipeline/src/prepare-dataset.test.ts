import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpectrum } from '@spectra/fits';
import {
  type Dataset,
  defaultPreprocessChoices,
  evaluateClassifier,
  fitClassifier,
  fitSubtypeHead,
  loadModel,
  predict,
  saveModel,
  selectBackend,
} from '@spectra/model';
import { generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAblation } from './ablation.js';
import { prepareDataset } from './prepare-dataset.js';
import type { SampleStores } from './sample-stores.js';

const SMALL_CNN = {
  blocks: [
    { filters: 8, kernelSize: 7, poolSize: 4 },
    { filters: 16, kernelSize: 5, poolSize: 4 },
  ],
  denseUnits: 32,
};

describe('prepare, train, evaluate, save, load and predict', () => {
  let dir: string;
  let dataset: Dataset;
  let stores: SampleStores;
  beforeAll(async () => {
    await selectBackend('wasm');
    dir = mkdtempSync(join(tmpdir(), 'spectra-model-'));
    const synth = await generateDataset(join(dir, 'data'), {
      perClass: 24,
      seed: 5,
      formats: 'mix',
      snrRange: [20, 80],
    });
    const prepared = await prepareDataset(join(dir, 'data'), {
      preprocess: defaultPreprocessChoices(1024),
      scratchDir: dir,
      labelCatalog: synth.catalogPath,
      catalogFields: SYNTH_CATALOG.fields,
      stripPrefix: SYNTH_CATALOG.prefix,
      stripSuffix: SYNTH_CATALOG.suffix,
    });
    dataset = prepared.dataset!;
    stores = prepared.stores!;
  }, 120_000);
  afterAll(() => {
    dataset?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('labels from the catalogue, with subtypes, and splits every class', () => {
    expect(dataset.classNames).toEqual(['O', 'B', 'A', 'F', 'G', 'K', 'M']);
    expect(dataset.samples).toHaveLength(168);
    expect(dataset.samples.filter((s) => s.subtype !== null).length).toBeGreaterThan(150);
    for (const split of ['train', 'validation', 'test'] as const)
      expect(Object.keys(dataset.splitCounts[split]).length).toBe(7);
    // The per-spectrum summaries of the pass went through a scratch file, removed once read back.
    expect(readdirSync(dir).filter((name) => name.startsWith('spectra-summaries-'))).toEqual([]);
  });

  it('trains a CNN that beats chance by far, and saves a folder that predicts the same probabilities', async () => {
    const fit = await fitClassifier(dataset, {
      epochs: 25,
      batchSize: 16,
      patience: 6,
      cnn: SMALL_CNN,
      seed: 3,
    });
    const evaluation = await evaluateClassifier(fit.model, dataset);
    expect(evaluation.samples).toBeGreaterThan(15);
    // Chance is 1/7; 168 small spectra and a small network in seconds.
    expect(evaluation.accuracy).toBeGreaterThan(0.45);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(evaluation.samples);
    // The subtype head: ridge regression on the network's features, better than the letters' centres.
    const train = dataset.set('train');
    const head = fitSubtypeHead(
      fit.model,
      train,
      train.samples.map((s) => s.subtype),
    );
    expect(head).not.toBeNull();
    const withHead = await evaluateClassifier(fit.model, dataset, { subtypeHead: head });
    expect(withHead.subtypeRms).toBeLessThan(evaluation.subtypeRms!);
    expect(withHead.accuracy).toBe(evaluation.accuracy);
    const folder = join(dir, 'model');
    await saveModel(folder, fit.model, {
      classNames: dataset.classNames,
      preprocess: dataset.choices.default,
      config: fit.config,
      training: { seed: 3 },
      history: fit.history,
      createdAt: '2026-01-01T00:00:00Z',
    });
    const saved = await loadModel(folder);
    const test = dataset.samples.filter((s) => s.split === 'test').slice(0, 5);
    const spectra = await Promise.all(test.map((s) => readSpectrum(s.path)));
    const predictions = await predict(spectra, saved, { topK: 2 });
    const direct = fit.model.predict(
      (await import('@tensorflow/tfjs-core')).tensor3d(dataset.stores.default.read(test.map((s) => s.row)), [
        test.length,
        1024,
        dataset.choices.default.channels,
      ]),
    ) as import('@tensorflow/tfjs-core').Tensor;
    const expected = direct.arraySync() as number[][];
    predictions.forEach((p, i) => {
      expect(p.topK).toHaveLength(2);
      for (const [c, name] of dataset.classNames.entries())
        expect(p.probabilities[name]).toBeCloseTo(expected[i][c], 5);
    });
    // A spectrum off the model's grid (an infrared one, say) is not classified, and says why.
    const infrared = {
      ...spectra[0],
      wavelength: spectra[0].wavelength.map((w) => 4 * w),
      meta: { ...spectra[0].meta, redshift: 0 },
    };
    const [offGrid] = await predict([infrared], saved);
    expect(offGrid.className).toBeNull();
    expect(offGrid.coverage).toBeLessThan(0.1);
    expect(offGrid.warnings.join(' ')).toContain('not classified');
    fit.model.dispose();
    saved.model.dispose();

    // The folder's parts must agree; a mismatch is named.
    const metaPath = join(folder, 'spectra-model.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    writeFileSync(metaPath, JSON.stringify({ ...meta, classNames: ['A', 'B'] }));
    await expect(loadModel(folder)).rejects.toThrow(/7 outputs but the metadata names 2 classes/);
    writeFileSync(
      metaPath,
      JSON.stringify({
        ...meta,
        preprocess: { ...meta.preprocess, grid: { ...meta.preprocess.grid, length: 3840 } },
      }),
    );
    await expect(loadModel(folder)).rejects.toMatchObject({ code: 'SPECTRA_MODEL_INCOMPATIBLE' });
    await expect(loadModel(join(dir, 'nowhere'))).rejects.toMatchObject({ code: 'SPECTRA_MODEL_MISSING' });
  }, 120_000);

  it('runs an ablation with the baseline beside it', async () => {
    const rows = await runAblation(
      dataset,
      stores,
      {
        no_continuum: {
          choices: { ...defaultPreprocessChoices(1024), continuum: false },
          description: 'without',
        },
      },
      {
        fraction: 0.5,
        epochs: 4,
        batchSize: 16,
        cnn: SMALL_CNN,
      },
    );
    expect(rows.map((r) => r.variant)).toEqual(['default', 'no_continuum', 'baseline']);
    expect(rows[1].continuum).toBe(false);
    // Half the training spectra, the whole test split, the same for every row.
    expect(new Set(rows.map((r) => r.train_samples)).size).toBe(1);
    expect(rows[0].train_samples).toBeLessThan(0.7 * dataset.set('train').rows.length);
    expect(rows[0].test_samples).toBe(dataset.set('test').rows.length);
    expect(rows[0].delta_accuracy).toBe(0);
    for (const row of rows) expect(row.accuracy).toBeGreaterThan(0);
  }, 120_000);
});

describe('prepareDataset scratch files', () => {
  it('removes the summaries scratch file when a strict run stops at a bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spectra-spill-strict-'));
    try {
      await generateDataset(join(dir, 'data'), { perClass: 2, seed: 3, formats: ['sdss-spec'] });
      const bad = join(dir, 'data', 'G', 'spec-0000-00000-0000.fits');
      writeFileSync(bad, 'SIMPLE  =                    T'.padEnd(2880 + 17, ' '));
      const scratch = join(dir, 'scratch');
      mkdirSync(scratch);
      await expect(
        prepareDataset(join(dir, 'data'), { strict: true, scratchDir: scratch, workers: 1 }),
      ).rejects.toThrow(/spec-0000-00000-0000\.fits/);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
