import { readSpectrum } from '@spectra/fits';
import { fileNameOf, planDataset, renderSpectrum, spectrumFileBytes } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { buildCnn } from './build-cnn.js';
import { preprocessSpectrum } from './preprocess-spectrum.js';
import { defaultCnnConfig } from './recipe.js';
import { MemorySampleStore, sampleRow } from './sample-store.js';
import { selectBackend } from './select-backend.js';
import { type LabelledSet, trainModel } from './train-model.js';

const GRID = { startAngstrom: 3800, endAngstrom: 9000, length: 512 };
const CLASSES = ['A', 'G', 'M'] as const;

async function dataset(perClass: number, seed: number): Promise<LabelledSet> {
  const plan = planDataset({ counts: { A: perClass, G: perClass, M: perClass }, seed, snrRange: [30, 60] });
  const store = new MemorySampleStore(GRID.length, 2);
  const labels: number[] = [];
  for (const item of plan) {
    const record = renderSpectrum(item);
    const spectrum = await readSpectrum(spectrumFileBytes(record), { name: fileNameOf(record) });
    const { flux, mask } = preprocessSpectrum(spectrum, { grid: GRID });
    store.append(sampleRow(flux, mask));
    labels.push(CLASSES.indexOf(item.letter as (typeof CLASSES)[number]));
  }
  return { store, rows: labels.map((_, i) => i), labels, classes: CLASSES.length };
}

describe('trainModel', () => {
  it('learns A, G and M stars from synthetic spectra on wasm, with a history per epoch and early stopping', async () => {
    await selectBackend('wasm');
    const train = await dataset(24, 1);
    const validation = await dataset(8, 2);
    const config = {
      ...defaultCnnConfig(CLASSES.length, GRID.length),
      blocks: [
        { filters: 8, kernelSize: 7, poolSize: 4 },
        { filters: 16, kernelSize: 5, poolSize: 4 },
      ],
      denseUnits: 16,
    };
    const model = buildCnn(config);
    const { history } = await trainModel(model, train, validation, {
      epochs: 30,
      batchSize: 16,
      patience: 5,
    });
    expect(history.length).toBeGreaterThan(2);
    expect(history.length).toBeLessThanOrEqual(30);
    const last = history.at(-1)!;
    expect(last.valLoss).not.toBeNull();
    expect(Math.max(...history.map((h) => h.valAccuracy ?? 0))).toBeGreaterThan(0.85);
    expect(history[0].loss).toBeGreaterThan(last.loss);
    model.dispose();
  });

  it('lowers the learning rate after each run of epochs without a better validation loss, and restores it after', async () => {
    await selectBackend('wasm');
    const train = await dataset(12, 3);
    // Validation labels that contradict the spectra: its loss soon stops improving.
    const validation = await dataset(6, 4);
    validation.labels = Array.from(validation.labels, (label) => (label + 1) % CLASSES.length);
    const model = buildCnn({
      ...defaultCnnConfig(CLASSES.length, GRID.length),
      blocks: [{ filters: 4, kernelSize: 5, poolSize: 8 }],
      denseUnits: 8,
      learningRate: 0.01,
    });
    const reduction = { factor: 0.5, patience: 2 };
    const { history } = await trainModel(model, train, validation, {
      epochs: 12,
      batchSize: 12,
      reduceLearningRate: reduction,
    });
    // The rule, replayed from the recorded validation losses.
    let rate = 0.01;
    let best = Number.POSITIVE_INFINITY;
    let waited = 0;
    for (const entry of history) {
      expect(entry.learningRate).toBeCloseTo(rate, 12);
      if (entry.valLoss! < best - 1e-6) {
        best = entry.valLoss!;
        waited = 0;
      } else if (++waited >= reduction.patience) {
        rate *= reduction.factor;
        waited = 0;
      }
    }
    expect(Math.min(...history.map((h) => h.learningRate!))).toBeLessThan(0.01);
    expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBe(0.01);
    for (const bad of [
      { factor: 1, patience: 1 },
      { factor: 0.5, patience: 0 },
      { factor: Number.NaN, patience: 2 },
    ])
      await expect(
        trainModel(model, train, validation, { epochs: 1, batchSize: 12, reduceLearningRate: bad }),
      ).rejects.toThrow(/reduceLearningRate needs a factor in \(0, 1\)/);
    model.dispose();
  });

  it('with minDelta, counts only improvements larger than it: it stops and keeps the epoch the rule names', async () => {
    await selectBackend('wasm');
    const train = await dataset(12, 5);
    const validation = await dataset(6, 6);
    const model = buildCnn({
      ...defaultCnnConfig(CLASSES.length, GRID.length),
      blocks: [{ filters: 4, kernelSize: 5, poolSize: 8 }],
      denseUnits: 8,
    });
    const minDelta = 0.05;
    const { history, bestEpoch } = await trainModel(model, train, validation, {
      epochs: 20,
      batchSize: 12,
      patience: 2,
      minDelta,
    });
    // The rule, replayed from the recorded validation losses: where it stops and which epoch it keeps.
    let best = Number.POSITIVE_INFINITY;
    let kept = 0;
    let waited = 0;
    let stop = history.length;
    for (const entry of history) {
      if (entry.valLoss! < best - minDelta) {
        best = entry.valLoss!;
        kept = entry.epoch;
        waited = 0;
      } else if (++waited >= 2) {
        stop = entry.epoch;
        break;
      }
    }
    expect(history.length).toBe(stop);
    expect(bestEpoch?.epoch).toBe(kept);
    await expect(
      trainModel(model, train, validation, { epochs: 1, batchSize: 12, minDelta: -1 }),
    ).rejects.toThrow(/minDelta must be a finite number ≥ 0/);
    model.dispose();
  });
});
