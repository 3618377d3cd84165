#!/usr/bin/env node
// bench/train: the reference CNN of @spectra/model (Conv1D 16×7 → MaxPool 4 → 32×5 → MaxPool 4 → 64×3 → MaxPool 4 →
// Dense 64 → Dropout 0.3 → Dense 7; Adam; batch 64) on N random spectra × 3,840 pixels × 2 channels, trained by the
// product's own loop (samples streamed from a scratch file, class weights, seeded shuffle) with 1 worker and with
// every core (data-parallel), inference likewise, peak RSS, and — in the same run, when Python TensorFlow can be
// installed (pip installs tensorflow-cpu from the machine's local wheel index into bench/.venv) — Keras on the same
// network and shapes, with the ratio. With --profile, the kernels of one training step by time.
// Usage (after a build): node bench/train/run.mjs [--samples 5000] [--workers N] [--profile] [--no-keras]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const model = await import(join(root, 'packages/model/dist/index.js'));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SAMPLES = arg('--samples', 5000);
const WORKERS = arg('--workers', availableParallelism());
const PIXELS = 3840;
const CHANNELS = 2;

const peakRssGb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1048576;
const { backend } = await model.selectBackend('wasm');
const config = model.defaultCnnConfig(7, PIXELS);
const scratch = mkdtempSync(join(tmpdir(), 'spectra-bench-train-'));
const store = new model.FileSampleStore(join(scratch, 'samples.f32'), PIXELS, CHANNELS);
let state = 1;
const uniform = () => {
  state = (state * 16807) % 2147483647;
  return state / 2147483647;
};
const row = new Float32Array(PIXELS * CHANNELS);
for (let i = 0; i < SAMPLES; i++) {
  for (let k = 0; k < row.length; k++) row[k] = k % 2 ? 1 : uniform() - 0.5;
  store.append(row);
}
const set = {
  store,
  rows: Array.from({ length: SAMPLES }, (_, i) => i),
  labels: Array.from({ length: SAMPLES }, (_, i) => i % 7),
  classes: 7,
};
const ours = {};
for (const workers of [1, WORKERS]) {
  const network = model.buildCnn(config);
  const warm = { ...set, rows: set.rows.slice(0, 128), labels: set.labels.slice(0, 128) };
  await model.trainModel(network, warm, undefined, { epochs: 1, batchSize: 64, workers });
  let started = performance.now();
  await model.trainModel(network, set, undefined, { epochs: 1, batchSize: 64, workers, seed: 3 });
  const train = SAMPLES / ((performance.now() - started) / 1000);
  started = performance.now();
  await model.predictSetInWorkers(network, set, workers);
  const infer = SAMPLES / ((performance.now() - started) / 1000);
  ours[workers] = { train, infer };
  network.dispose();
}
const rss = peakRssGb();
store.close();
rmSync(scratch, { recursive: true, force: true });

console.log(
  `bench/train: reference CNN (${model.buildCnn(config).countParams()} parameters), ${SAMPLES} spectra × ${PIXELS} pixels × ${CHANNELS} channels, batch 64, ${backend}, ${process.version}, ${availableParallelism()} cores`,
);
for (const [workers, r] of Object.entries(ours))
  console.log(
    `  @spectra/model, ${workers} worker${workers === '1' ? ' (in-process)' : 's (data-parallel)'}: ${r.train.toFixed(0)} samples/s training (pool start included), ${r.infer.toFixed(0)} samples/s inference`,
  );
console.log(
  `  speed-up with ${WORKERS} workers: training ×${(ours[WORKERS].train / ours[1].train).toFixed(2)}, inference ×${(ours[WORKERS].infer / ours[1].infer).toFixed(2)}; peak RSS ${rss.toFixed(2)} GB`,
);

if (!process.argv.includes('--no-keras')) {
  const keras = kerasRun();
  if (keras.error) console.log(`  Keras: skipped (${keras.error})`);
  else
    console.log(
      `  Keras ${keras.keras} (TensorFlow CPU), same network (${keras.parameters} parameters) and shapes: ${keras.train_samples_per_s.toFixed(0)} samples/s training, ${keras.infer_samples_per_s.toFixed(0)} inference → ours/Keras: training ${(ours[WORKERS].train / keras.train_samples_per_s).toFixed(2)}, inference ${(ours[WORKERS].infer / keras.infer_samples_per_s).toFixed(2)}`,
    );
}
if (process.argv.includes('--profile')) await profileStep();

/** Keras in bench/.venv (made when missing: pip installs tensorflow-cpu from the local wheel index). */
function kerasRun() {
  const venv = join(root, 'bench', '.venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) {
    const made = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    if (made.status !== 0) return { error: 'python3 -m venv failed' };
    const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '-q', 'tensorflow-cpu'], {
      encoding: 'utf8',
    });
    if (pip.status !== 0) {
      rmSync(venv, { recursive: true, force: true });
      return {
        error: `pip install tensorflow-cpu failed: ${(pip.stderr || pip.stdout).trim().split('\n').at(-1)}`,
      };
    }
  }
  try {
    const out = execFileSync(
      python,
      [join(root, 'bench/train/keras_cnn.py'), String(SAMPLES), String(PIXELS), String(CHANNELS)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return JSON.parse(out.trim().split('\n').at(-1));
  } catch (error) {
    return { error: `Keras run failed: ${error.message.split('\n')[0]}` };
  }
}

/** The kernels of one 64-sample training step (in-process), by time. */
async function profileStep() {
  const require = createRequire(join(root, 'packages/model/package.json'));
  const tf = require('@tensorflow/tfjs-core');
  const network = model.buildCnn(config);
  const x = tf.randomNormal([64, PIXELS, CHANNELS], 0, 1, 'float32', 1);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 64 }, (_, i) => i % 7),
      'int32',
    ),
    7,
  );
  const variables = network.trainableWeights.map((w) => w.read());
  const step = () =>
    network.optimizer.minimize(
      () =>
        tf.mean(
          tf.neg(
            tf.sum(tf.mul(y, tf.log(tf.clipByValue(network.apply(x, { training: true }), 1e-7, 1))), -1),
          ),
        ),
      false,
      variables,
    );
  for (let i = 0; i < 3; i++) step();
  const info = await tf.profile(step);
  const byKernel = new Map();
  for (const k of info.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs || 0));
  const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
  console.log(
    `  one 64-sample step in-process, ${info.kernels.length} kernel calls, ${total.toFixed(0)} ms:`,
  );
  for (const [name, ms] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(
      `    ${name.padEnd(24)} ${ms.toFixed(1).padStart(6)} ms  ${((100 * ms) / total).toFixed(0)}%`,
    );
}
