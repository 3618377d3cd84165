import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn, type CnnConfig } from './build-cnn.js';
import { MemorySampleStore } from './sample-store.js';
import { selectBackend } from './select-backend.js';
import { type LabelledSet, type TrainOptions, trainModel } from './train-model.js';
import { TrainingWorkers } from './training-workers.js';

const CONFIG: CnnConfig = {
  inputLength: 64,
  channels: 2,
  classes: 3,
  blocks: [
    { filters: 4, kernelSize: 5, poolSize: 2 },
    { filters: 6, kernelSize: 3, poolSize: 2 },
  ],
  denseUnits: 8,
  denseDropout: 0,
  learningRate: 1e-3,
  seed: 11,
};

/** A fresh network of CONFIG trained on `set` (one epoch, batches of 16, seed 5, unless `options` say otherwise). */
async function trainFresh(
  set: LabelledSet,
  validation: LabelledSet | undefined,
  options: Partial<TrainOptions>,
) {
  const model = buildCnn(CONFIG);
  const { history } = await trainModel(model, set, validation, {
    epochs: 1,
    batchSize: 16,
    seed: 5,
    ...options,
  });
  return { model, history };
}

/** A seeded labelled set of `n` random inputs. */
function randomSet(n: number, seed: number): LabelledSet {
  const store = new MemorySampleStore(CONFIG.inputLength, CONFIG.channels);
  const values = tf.randomNormal([n, CONFIG.inputLength * CONFIG.channels], 0, 1, 'float32', seed).dataSync();
  for (let i = 0; i < n; i++)
    store.append(Float32Array.from(values.subarray(i * 128, (i + 1) * 128) as Float32Array));
  return {
    store,
    rows: Array.from({ length: n }, (_, i) => i),
    labels: Array.from({ length: n }, (_, i) => (i * 7) % 3),
    classes: 3,
  };
}

const relative = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return worst;
};

const weightsHash = (model: ReturnType<typeof buildCnn>) => {
  const hash = createHash('sha256');
  for (const w of model.weights) hash.update(new Uint8Array((w.read().dataSync() as Float32Array).buffer));
  return hash.digest('hex');
};

describe('data-parallel training over worker threads', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('the gradient summed over the workers equals the single-process gradient, and so do the updated weights', async () => {
    const set = randomSet(10, 1);
    const single = buildCnn(CONFIG);
    const parallel = buildCnn(CONFIG);
    const x = tf.tensor3d(set.store.read(set.rows as number[]), [10, 64, 2]);
    const y = tf.oneHot(tf.tensor1d(set.labels as number[], 'int32'), 3);
    const w = tf.tensor1d([1, 2, 1, 1, 0.5, 1, 1, 3, 1, 1]);
    const variables = single.trainableWeights.map((v) => v.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => {
      const p = single.apply(x, { training: true }) as tf.Tensor2D;
      const ce = tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), -1));
      return tf.mean(tf.mul(ce, w)) as tf.Scalar;
    }, variables);
    const expected = Float32Array.from(variables.flatMap((v) => Array.from(grads[v.name].dataSync())));
    const pool = await TrainingWorkers.start(parallel, 3, 3);
    try {
      const sampleWeights = w.dataSync() as Float32Array;
      const shard = (from: number, to: number) => ({
        x: set.store.read(set.rows.slice(from, to) as number[]),
        shape: [to - from, 64, 2] as [number, number, number],
        labels: Int32Array.from((set.labels as number[]).slice(from, to)),
        sampleWeights: sampleWeights.slice(from, to),
      });
      const { gradient } = await pool.gradient([shard(0, 4), shard(4, 8), shard(8, 10)], 10);
      expect(gradient.length).toBe(expected.length);
      expect(relative(gradient, expected)).toBeLessThan(1e-5);
      // One optimizer step each way: the same weights.
      single.optimizer.applyGradients(grads);
      await pool.step([shard(0, 4), shard(4, 8), shard(8, 10)], 10);
      for (const [k, v] of single.weights.entries())
        expect(relative(parallel.weights[k].read().dataSync(), v.read().dataSync()), v.name).toBeLessThan(
          1e-5,
        );
      // The workers predict with the weights they were sent.
      const probs = await pool.predictRows(set.store, set.rows, 3, 4);
      const direct = (parallel.predict(x) as tf.Tensor).dataSync();
      expect(relative(probs, direct)).toBeLessThan(1e-5);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('the same seed and worker count give the same weights and history; one worker is the in-process loop', async () => {
    const set = randomSet(48, 2);
    const validation = randomSet(12, 3);
    const run = async (workers: number) => {
      const { model, history } = await trainFresh(set, validation, { epochs: 2, workers });
      return { hash: weightsHash(model), history: history.map(({ seconds: _, ...h }) => h) };
    };
    const [a, b] = [await run(2), await run(2)];
    expect(a.hash).toBe(b.hash);
    expect(a.history).toEqual(b.history);
    const one = await run(1);
    // Data-parallel and in-process training follow the same path to rounding.
    for (const [k, h] of one.history.entries()) expect(a.history[k].loss).toBeCloseTo(h.loss, 4);
  }, 60_000);

  it('neighbour smoothing reaches the workers: with it, data-parallel and in-process losses agree and differ from without', async () => {
    const set = randomSet(32, 4);
    const run = async (workers: number, share: number) => {
      const { model, history } = await trainFresh(set, undefined, {
        workers,
        ...(share > 0 && { neighbourSmoothing: { share, classNames: ['A', 'F', 'G'] } }),
      });
      model.dispose();
      return history[0].loss;
    };
    const smoothedInProcess = await run(1, 0.2);
    expect(await run(2, 0.2)).toBeCloseTo(smoothedInProcess, 4);
    expect(Math.abs((await run(2, 0)) - smoothedInProcess)).toBeGreaterThan(1e-3);
    // A share that is not a number is refused, not taken for none.
    await expect(
      trainFresh(set, undefined, { neighbourSmoothing: { share: Number.NaN, classNames: ['A', 'F', 'G'] } }),
    ).rejects.toThrow(/neighbour smoothing must be in \[0, 0\.5\)/);
  }, 60_000);

  it('weight averaging with workers: they validate the average and step on from their own weights, as in-process', async () => {
    const set = randomSet(48, 6);
    const validation = randomSet(12, 7);
    const run = async (workers: number) => {
      const { model, history } = await trainFresh(set, validation, {
        epochs: 3,
        workers,
        weightAverage: 0.8,
      });
      const weights = Float64Array.from(model.weights.flatMap((w) => Array.from(w.read().dataSync())));
      model.dispose();
      return { weights, history };
    };
    const [inProcess, parallel] = [await run(1), await run(2)];
    for (const [k, h] of inProcess.history.entries()) {
      expect(parallel.history[k].loss).toBeCloseTo(h.loss, 4);
      expect(parallel.history[k].valLoss!).toBeCloseTo(h.valLoss!, 4);
    }
    expect(relative(parallel.weights, inProcess.weights)).toBeLessThan(1e-4);
  }, 60_000);

  it('a worker that dies is a typed error, not a hang', async () => {
    const set = randomSet(8, 4);
    const pool = await TrainingWorkers.start(buildCnn(CONFIG), 2, 3);
    try {
      await pool.threads[1].terminate();
      const shard = {
        x: set.store.read([0, 1, 2, 3]),
        shape: [4, 64, 2] as [number, number, number],
        labels: Int32Array.from([0, 1, 2, 0]),
        sampleWeights: new Float32Array(4).fill(1),
      };
      await expect(
        pool.step([shard, { ...shard, x: set.store.read([4, 5, 6, 7]) }], 8),
      ).rejects.toMatchObject({
        code: 'SPECTRA_WORKER',
      });
    } finally {
      await pool.close();
    }
  }, 60_000);
});
