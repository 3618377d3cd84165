#!/usr/bin/env node
// bench/train: one epoch of the reference CNN (Conv1D 16×7 → MaxPool 4 → Conv1D 32×5 → MaxPool 4 → Conv1D 64×3 →
// MaxPool 4 → Dense 64 → Dropout 0.3 → Dense 7 softmax; Adam; batch 64) on N spectra × 3840 pixels, on every
// TensorFlow.js backend available: seconds per epoch and samples/s for training and inference.
// Usage: node bench/train/run.mjs [--samples 5000] [--cpu-samples 128]
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const require = createRequire(join(root, 'packages/model/package.json'));
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
require('@tensorflow/tfjs-backend-wasm');
const tfl = require('@tensorflow/tfjs-layers');
const { registerWasmTrainingKernels } = await import(join(root, 'packages/model/dist/index.js'));
tf.enableProdMode();
registerWasmTrainingKernels();

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SAMPLES = arg('--samples', 5000);
const CPU_SAMPLES = arg('--cpu-samples', 128);
const PIXELS = 3840;

function referenceCnn() {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv1d({
      inputShape: [PIXELS, 1],
      filters: 16,
      kernelSize: 7,
      activation: 'relu',
      padding: 'same',
    }),
  );
  model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tfl.layers.conv1d({ filters: 32, kernelSize: 5, activation: 'relu', padding: 'same' }));
  model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tfl.layers.conv1d({ filters: 64, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tfl.layers.dropout({ rate: 0.3 }));
  model.add(tfl.layers.dense({ units: 7, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const rows = [];
for (const backend of ['wasm', 'cpu', 'tensorflow']) {
  try {
    if (backend === 'tensorflow') require('@tensorflow/tfjs-node');
    if (!(await tf.setBackend(backend))) throw new Error('not available');
  } catch {
    rows.push(
      `  ${backend.padEnd(10)} not available${backend === 'tensorflow' ? ' (@tensorflow/tfjs-node is not installed: it downloads libtensorflow at install time)' : ''}`,
    );
    continue;
  }
  const n = backend === 'cpu' ? CPU_SAMPLES : SAMPLES;
  const x = tf.randomNormal([n, PIXELS, 1], 1, 0.1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([n], 0, 7, 'int32', 2), 7);
  const model = referenceCnn();
  const warm = Math.min(64, n);
  await model.fit(tf.slice(x, [0, 0, 0], [warm, -1, -1]), tf.slice(y, [0, 0], [warm, -1]), {
    epochs: 1,
    batchSize: 64,
    verbose: 0,
  });
  let t = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
  const train = (performance.now() - t) / 1000;
  t = performance.now();
  const p = model.predict(x, { batchSize: 256 });
  await p.data();
  const infer = (performance.now() - t) / 1000;
  rows.push(
    `  ${backend.padEnd(10)} ${n} samples: ${train.toFixed(1)} s/epoch${n !== 5000 ? ` (${((train * 5000) / n).toFixed(0)} s per 5,000)` : ''}, ${(n / train).toFixed(1)} samples/s training, ${(n / infer).toFixed(0)} samples/s inference`,
  );
  tf.dispose([x, y, p]);
}
console.log(
  `bench/train: reference CNN (${referenceCnn().countParams()} parameters), ${PIXELS} pixels, batch 64, ${process.version}`,
);
for (const row of rows) console.log(row);
