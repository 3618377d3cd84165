import { readSpectrum } from '@spectra/fits';
import { fileNameOf, planDataset, renderSpectrum, spectrumFileBytes } from '@spectra/synth';
import type * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { buildCnn } from './build-cnn.js';
import { predictSet } from './predict-set.js';
import { preprocessSpectrum } from './preprocess-spectrum.js';
import { defaultCnnConfig } from './recipe.js';
import { MemorySampleStore, sampleRow } from './sample-store.js';
import { selectBackend } from './select-backend.js';
import { type LabelledSet, lossAndAccuracy, trainModel } from './train-model.js';

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

  it('with weightAverage, validates and keeps the debiased moving average of the weights, and steps as without it', async () => {
    await selectBackend('wasm');
    const train = await dataset(12, 7);
    const validation = await dataset(6, 8);
    const config = {
      ...defaultCnnConfig(CLASSES.length, GRID.length),
      blocks: [{ filters: 4, kernelSize: 5, poolSize: 8 }],
      denseUnits: 8,
    };
    const flat = (model: tfl.LayersModel) =>
      Float64Array.from(model.trainableWeights.flatMap((w) => Array.from(w.read().dataSync())));
    const run = async (weightAverage?: number) => {
      const model = buildCnn(config);
      const steps: Float64Array[] = [];
      const epochEnds: number[] = [];
      const result = await trainModel(model, train, validation, {
        epochs: 4,
        batchSize: 12,
        ...(weightAverage !== undefined && { weightAverage }),
        onBatch: () => steps.push(flat(model)),
        onEpoch: () => epochEnds.push(steps.length),
      });
      return { model, steps, epochEnds, ...result };
    };
    const farthest = (a: Float64Array, b: Float64Array) =>
      a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
    const plain = await run();
    const decay = 0.9;
    const averaged = await run(decay);
    // The optimizer's path is the same: averaging only changes what is validated and kept.
    expect(averaged.steps.length).toBe(plain.steps.length);
    for (const [t, weights] of averaged.steps.entries())
      expect(farthest(weights, plain.steps[t])).toBeLessThan(1e-6);
    // The average, replayed: d·sum + (1 − d)·weights after each step, divided by 1 − dᵗ.
    let sum = new Float64Array(averaged.steps[0].length);
    const averageAfter = averaged.steps.map((weights, t) => {
      sum = sum.map((x, i) => decay * x + (1 - decay) * weights[i]);
      return sum.map((x) => x / (1 - decay ** (t + 1)));
    });
    const best = averaged.bestEpoch!;
    const kept = averageAfter[averaged.epochEnds[best.epoch - 1] - 1];
    expect(farthest(flat(averaged.model), kept)).toBeLessThan(1e-5);
    expect(
      farthest(flat(averaged.model), averaged.steps[averaged.epochEnds[best.epoch - 1] - 1]),
    ).toBeGreaterThan(1e-4);
    // The validation loss recorded for the kept epoch is that of the averaged weights.
    const again = lossAndAccuracy(
      predictSet(averaged.model, validation),
      validation.labels,
      validation.classes,
    );
    expect(again.loss).toBeCloseTo(best.valLoss!, 5);
    await expect(
      trainModel(averaged.model, train, validation, { epochs: 1, batchSize: 12, weightAverage: 1 }),
    ).rejects.toThrow(/weightAverage must be a decay in \(0, 1\)/);
    plain.model.dispose();
    averaged.model.dispose();
  });
});
