import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn, type CnnConfig } from './build-cnn.js';
import { MemorySampleStore } from './sample-store.js';
import { selectBackend } from './select-backend.js';
import { SUBTYPE_OUTPUT_LAYER, trainingLoss, withSubtypeOutput } from './subtype-output.js';
import { type LabelledSet, trainModel } from './train-model.js';

const CONFIG: CnnConfig = {
  inputLength: 32,
  channels: 2,
  classes: 3,
  blocks: [{ filters: 4, kernelSize: 3, poolSize: 2 }],
  denseUnits: 8,
  denseDropout: 0, // dropout masks differ per shard: only without dropout are workers and one thread comparable
  learningRate: 1e-3,
  seed: 3,
};

/** Random inputs whose class and subtype follow the mean of the first 8 flux pixels. */
function randomSet(n: number, seed: number): LabelledSet {
  const store = new MemorySampleStore(CONFIG.inputLength, CONFIG.channels);
  const values = tf.randomNormal([n, CONFIG.inputLength * CONFIG.channels], 0, 1, 'float32', seed).dataSync();
  const labels: number[] = [];
  const subtypes: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Float32Array.from(values.subarray(i * 64, (i + 1) * 64) as Float32Array);
    let level = 0;
    for (let p = 0; p < 8; p++) level += row[p * 2] / 8;
    store.append(row);
    const subtype = Math.min(29.9, Math.max(0, 15 + level * 20));
    labels.push(Math.floor(subtype / 10));
    subtypes.push(i % 4 === 3 ? Number.NaN : subtype);
  }
  return { store, rows: labels.map((_, i) => i), labels, classes: 3, subtypes };
}

describe('the subtype output', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('adds the squared subtype error in letters, times its weight, to the known subtypes only', () => {
    const p = tf.tensor2d([
      [0.7, 0.2, 0.1],
      [0.1, 0.8, 0.1],
    ]);
    const y = tf.tensor2d([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const w = tf.tensor1d([1, 2]);
    const predicted = tf.tensor2d([[0.5], [2]]);
    const plain = trainingLoss(p, y, w).perSample.dataSync();
    expect(plain[0]).toBeCloseTo(-Math.log(0.7), 5);
    expect(plain[1]).toBeCloseTo(-2 * Math.log(0.1), 5);
    const { perSample, hits } = trainingLoss([p, predicted], y, w, Float32Array.from([7, Number.NaN]), 3);
    const values = perSample.dataSync();
    expect(values[0]).toBeCloseTo(-Math.log(0.7) + 3 * (0.5 - 0.7) ** 2, 5);
    expect(values[1]).toBeCloseTo(-2 * Math.log(0.1), 5);
    expect(hits.dataSync()[0]).toBe(1);
  });

  it('trains the classifier through shared layers, the same in workers as in process, and is never part of the classifier', async () => {
    const train = randomSet(96, 1);
    const validation = randomSet(24, 2);
    const run = async (workers: number) => {
      const model = buildCnn(CONFIG);
      const before = model.layers.length;
      const { history } = await trainModel(model, train, validation, {
        epochs: 3,
        batchSize: 16,
        seed: 7,
        workers,
        subtypeWeight: 1,
      });
      expect(model.layers.length).toBe(before);
      expect(model.layers.some((l) => l.name === SUBTYPE_OUTPUT_LAYER)).toBe(false);
      expect(model.outputs).toHaveLength(1);
      // The classifier's weights outlive the training network (only the subtype output's are freed).
      const probs = model.predict(tf.tensor3d(train.store.read([0, 1]), [2, 32, 2])) as tf.Tensor;
      expect(probs.shape).toEqual([2, 3]);
      expect(Number.isFinite(probs.dataSync()[0])).toBe(true);
      return history.map(({ seconds: _, ...h }) => h);
    };
    const inProcess = await run(1);
    const parallel = await run(2);
    for (const [k, h] of inProcess.entries()) {
      expect(parallel[k].loss).toBeCloseTo(h.loss, 4);
      expect(parallel[k].valLoss!).toBeCloseTo(h.valLoss!, 4);
    }
    // The subtype term is in the training loss: the same run without it has a smaller first-epoch loss.
    const model = buildCnn(CONFIG);
    const { history } = await trainModel(model, train, validation, {
      epochs: 1,
      batchSize: 16,
      seed: 7,
      subtypeWeight: 0,
    });
    expect(history[0].loss).toBeLessThan(inProcess[0].loss);
  }, 60_000);

  it('shares the classifier’s weights and optimizer, with one more output', () => {
    const model = buildCnn(CONFIG);
    const trainer = withSubtypeOutput(model, 1);
    expect(trainer.outputs).toHaveLength(2);
    expect(trainer.optimizer).toBe(model.optimizer);
    const shared = new Set(model.weights.map((w) => w.read()));
    expect(trainer.weights.filter((w) => shared.has(w.read()))).toHaveLength(model.weights.length);
    expect(trainer.weights).toHaveLength(model.weights.length + 2);
  });
});
