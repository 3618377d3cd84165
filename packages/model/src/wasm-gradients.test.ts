import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './wasm-gradients.js';

// The cpu backend advertises tfjs-node on first use unless in production mode (IS_TEST would also silence it, but
// turns on leak checks that trip over the wasm backend's own fusedMatMul).
tf.enableProdMode();
registerWasmTrainingKernels();

/** The filter gradient of one case, computed on a backend from the same inputs. */
async function filterGradient(
  backend: string,
  x: Float32Array,
  xShape: number[],
  dy: Float32Array,
  dyShape: number[],
  filterShape: number[],
  strides: number,
  pad: 'same' | 'valid',
) {
  await tf.setBackend(backend);
  const result = tf
    .engine()
    .runKernel('Conv2DBackpropFilter', { x: tf.tensor(x, xShape), dy: tf.tensor(dy, dyShape) }, {
      strides,
      pad,
      dataFormat: 'NHWC',
      filterShape,
    } as never) as tf.Tensor;
  const values = (await result.data()) as Float32Array;
  return { values, shape: result.shape };
}

/**
 * Max |a − b| over max |a|: the relative error of a gradient as a whole (element-wise ratios blow up where float32
 * sums in a different order cancel to near zero).
 */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return diff / scale;
}

/** The output-gradient shape of a case, and deterministic pseudo-random values for any shape. */
function caseShapes(xShape: number[], filterShape: number[], strides: number, pad: 'same' | 'valid') {
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
  );
  const dyShape = [xShape[0], info.outHeight, info.outWidth, filterShape[3]];
  const random = (shape: number[], seed: number) =>
    Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 2,
    );
  return { dyShape, random };
}

const CASES: Array<[string, number[], number[], number, 'same' | 'valid']> = [
  ['Conv1D k7 same (as tfjs-layers runs it)', [4, 1, 96, 3], [1, 7, 3, 5], 1, 'same'],
  ['Conv1D k5 valid, 16 filters in', [2, 1, 40, 16], [1, 5, 16, 8], 1, 'valid'],
  ['2-D 3×3 stride 2 valid', [3, 9, 11, 2], [3, 3, 2, 4], 2, 'valid'],
  ['2-D 3×3 stride 2 same', [2, 8, 8, 3], [3, 3, 3, 2], 2, 'same'],
  ['1-D stride 3 same, odd length', [2, 1, 31, 2], [1, 4, 2, 3], 3, 'same'],
];

describe('the wasm training kernels match the cpu backend', () => {
  it.each(CASES)(
    'Conv2DBackpropFilter for %s matches cpu to 1e-4',
    async (_name, xShape, filterShape, strides, pad) => {
      const { dyShape, random } = caseShapes(xShape, filterShape, strides, pad);
      const x = random(xShape, 1);
      const dy = random(dyShape, 2);
      const cpu = await filterGradient('cpu', x, xShape, dy, dyShape, filterShape, strides, pad);
      const wasm = await filterGradient('wasm', x, xShape, dy, dyShape, filterShape, strides, pad);
      expect(wasm.shape).toEqual(filterShape);
      expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each(CASES)(
    'Conv2DBackpropInput for %s matches cpu to 1e-4',
    async (_name, xShape, filterShape, strides, pad) => {
      const { dyShape, random } = caseShapes(xShape, filterShape, strides, pad);
      const dy = random(dyShape, 3);
      const w = random(filterShape, 4);
      const grads: Record<string, Float32Array> = {};
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        const result = tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: tf.tensor(dy, dyShape), filter: tf.tensor(w, filterShape) },
            { strides, pad, dataFormat: 'NHWC', inputShape: xShape } as never,
          ) as tf.Tensor;
        expect(result.shape).toEqual(xShape);
        grads[backend] = (await result.data()) as Float32Array;
      }
      expect(relativeError(grads.cpu, grads.wasm)).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each([
    ['1-D pool 4 (maxPooling1d)', [3, 1, 64, 5], [1, 4]],
    ['2-D pool 2×2', [2, 6, 8, 3], [2, 2]],
    ['1-D pool 3 with ReLU-like ties at zero', [2, 1, 30, 4], [1, 3]],
  ] as Array<[string, number[], [number, number]]>)(
    'MaxPoolGrad for %s matches cpu to 1e-4',
    async (name, shape, pool) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: n }, (_, i) => {
        const v = Math.sin(i * 12.9898) * 3;
        return name.includes('ties') ? Math.max(0, v) : v;
      });
      const grads: Record<string, Float32Array> = {};
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        const x = tf.tensor4d(values, shape as [number, number, number, number]);
        // A weighted sum of the pooled values, so every window's gradient differs.
        const outShape = [shape[0], shape[1] / pool[0], shape[2] / pool[1], shape[3]];
        const weights = tf.reshape(tf.range(1, 1 + outShape.reduce((a, b) => a * b, 1)), outShape);
        const g = tf.grad((t: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, pool, pool, 'valid'), weights)),
        )(x);
        grads[backend] = (await g.data()) as Float32Array;
      }
      expect(relativeError(grads.cpu, grads.wasm)).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each([
    ['a', [5, 7], [5, 3], true, false],
    ['b', [4, 6], [9, 6], false, true],
    ['both, batched', [2, 6, 4], [2, 5, 6], true, true],
  ] as Array<[string, number[], number[], boolean, boolean]>)(
    'BatchMatMul with %s transposed matches cpu to 1e-5',
    async (_, aShape, bShape, transposeA, transposeB) => {
      const values = (shape: number[], k: number) =>
        Float32Array.from({ length: shape.reduce((p, q) => p * q, 1) }, (_, i) => Math.sin(i * 7.1 + k));
      const out: Record<string, Float32Array> = {};
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        const product = tf.matMul(
          tf.tensor(values(aShape, 1), aShape) as tf.Tensor,
          tf.tensor(values(bShape, 2), bShape) as tf.Tensor,
          transposeA,
          transposeB,
        );
        out[backend] = (await product.data()) as Float32Array;
      }
      expect(out.wasm.length).toBe(out.cpu.length);
      expect(relativeError(out.cpu, out.wasm)).toBeLessThanOrEqual(1e-5);
    },
  );

  it('a Conv1D → MaxPool → Dense network trains on wasm, learns, and leaks no tensors', async () => {
    await tf.setBackend('wasm');
    tf.util.assert(tf.getBackend() === 'wasm', () => 'wasm backend not active');
    const model = tfl.sequential();
    model.add(
      tfl.layers.conv1d({
        inputShape: [64, 1],
        filters: 4,
        kernelSize: 5,
        activation: 'relu',
        padding: 'same',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
    model.add(tfl.layers.flatten());
    model.add(
      tfl.layers.dense({
        units: 2,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    );
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    // Two classes: an absorption dip in the first or the second half of the "spectrum".
    const n = 64;
    const xs = new Float32Array(n * 64);
    const labels: number[] = [];
    for (let s = 0; s < n; s++) {
      const cls = s % 2;
      labels.push(cls);
      for (let i = 0; i < 64; i++)
        xs[s * 64 + i] =
          1 - 0.6 * Math.exp(-0.5 * ((i - (cls ? 44 : 20)) / 3) ** 2) + 0.02 * Math.sin(s * 7 + i);
    }
    const x = tf.tensor3d(xs, [n, 64, 1]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
    const history = await model.fit(x, y, { epochs: 40, batchSize: 16, verbose: 0, shuffle: false });
    const tensors = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, shuffle: false });
    expect(tf.memory().numTensors).toBe(tensors);
    const loss = history.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] * 0.5);
    expect((history.history.acc as number[]).at(-1)).toBeGreaterThan(0.9);
  });
});
