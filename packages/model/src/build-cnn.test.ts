import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildCnn } from './build-cnn.js';
import { defaultCnnConfig } from './recipe.js';
import { selectBackend } from './select-backend.js';

describe('the CNN and its backend', () => {
  it('selects wasm when tfjs-node is absent, and says why tensorflow was skipped', async () => {
    const choice = await selectBackend();
    expect(choice.backend).toBe('wasm');
    expect(choice.skipped).toEqual([
      { backend: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' },
    ]);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('builds the reference network: three Conv1D blocks to 60 positions, 64 dense units, a softmax over 7 classes', async () => {
    await selectBackend('wasm');
    const model = buildCnn(defaultCnnConfig(7));
    expect(model.inputs[0].shape).toEqual([null, 3840, 2]);
    expect(model.outputs[0].shape).toEqual([null, 7]);
    const flatten = model.layers.find((l) => l.getClassName() === 'Flatten')!;
    expect(flatten.outputShape).toEqual([null, 60 * 64]);
    // 16·(7·2+1) + 32·(5·16+1) + 64·(3·32+1) + (3840·64+64) + (64·7+7)
    expect(model.countParams()).toBe(240 + 2592 + 6208 + 245824 + 455);
    model.dispose();
  });

  it('is configurable (batch norm, dropout, widths) and the same seed gives the same weights', async () => {
    await selectBackend('wasm');
    const config = {
      ...defaultCnnConfig(3, 256),
      blocks: [{ filters: 4, kernelSize: 5, poolSize: 2, batchNorm: true, dropout: 0.1 }],
      denseUnits: 8,
    };
    const a = buildCnn(config);
    const b = buildCnn(config);
    expect(a.layers.map((l) => l.getClassName())).toEqual([
      'Conv1D',
      'BatchNormalization',
      'Activation',
      'MaxPooling1D',
      'Dropout',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    const weights = async (m: typeof a) => Promise.all(m.getWeights().map((w) => w.data()));
    expect(await weights(a)).toEqual(await weights(b));
    a.dispose();
    b.dispose();
  });
});
