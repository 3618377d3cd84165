import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type BackendName, selectBackend } from './select-backend.js';
import { classOutput, trainingLoss } from './subtype-output.js';
import { reseedDropout, targetsOf } from './train-model.js';
import type { StepRequest, TrainWorkerInit, WorkerReply } from './training-workers.js';

/**
 * One worker of data-parallel training: its own TensorFlow.js backend and a copy of the network rebuilt from its
 * topology. Before each step it takes the current weights from shared memory (when they changed); it computes the
 * loss gradient of its shard of the batch and writes it into its own slot of the shared gradient buffer.
 */
const init = workerData as TrainWorkerInit;
await selectBackend(init.backend as BackendName);
const model = (await tfl.models.modelFromJSON(
  init.topology as Parameters<typeof tfl.models.modelFromJSON>[0],
)) as tfl.LayersModel;
const variables = model.weights.map((w) => w.read() as tf.Variable);
const trainable = init.layout.filter((v) => v.trainable).map((v) => variables[v.index]);
const weights = new Float32Array(init.weights);
const gradients = new Float32Array(init.gradients, init.slot * init.trainableSize * 4, init.trainableSize);
let version = -1;

function syncWeights(wanted: number): void {
  if (wanted === version) return;
  // In a tidy scope: assign keeps the new values, the temporary tensors are freed (else one copy leaks per step).
  tf.tidy(() => {
    for (const v of init.layout)
      variables[v.index].assign(tf.tensor(weights.subarray(v.offset, v.offset + v.size), v.shape, 'float32'));
  });
  version = wanted;
}

function step(request: StepRequest): WorkerReply {
  syncWeights(request.version);
  const { x, shape, labels, sampleWeights, scale, subtypes } = request;
  if (request.dropoutSeed !== undefined) reseedDropout(model, request.dropoutSeed);
  return tf.tidy(() => {
    const input = tf.tensor3d(x, shape);
    const y = targetsOf(labels, init.classes, init.targets);
    const w = tf.tensor1d(sampleWeights);
    let hits = 0;
    let lossSum = 0;
    const { grads } = tf.variableGrads(() => {
      const terms = trainingLoss(
        model.apply(input, { training: true }) as tf.Tensor | tf.Tensor[],
        y,
        w,
        subtypes,
        init.subtypeWeight,
      );
      hits = terms.hits.dataSync()[0];
      const sum = tf.sum(terms.perSample);
      lossSum = sum.dataSync()[0];
      return tf.mul(sum, scale) as tf.Scalar;
    }, trainable);
    let offset = 0;
    for (const variable of trainable) {
      const g = grads[variable.name].dataSync() as Float32Array;
      gradients.set(g, offset);
      offset += g.length;
    }
    // Non-trainable state the step changed (batch-norm moving statistics), for the main thread to average.
    const state = init.layout
      .filter((v) => !v.trainable)
      .map((v) => Float32Array.from(variables[v.index].dataSync() as Float32Array));
    return { kind: 'step', lossSum, hits, state } as WorkerReply;
  });
}

function predict(x: Float32Array, shape: [number, number, number], wanted: number): WorkerReply {
  syncWeights(wanted);
  const probs = tf.tidy(() => classOutput(model.predict(tf.tensor3d(x, shape)) as tf.Tensor | tf.Tensor[]));
  const out = Float32Array.from(probs.dataSync() as Float32Array);
  probs.dispose();
  return { kind: 'predict', probs: out };
}

parentPort!.on(
  'message',
  (
    message:
      | StepRequest
      | { kind: 'predict'; x: Float32Array; shape: [number, number, number]; version: number },
  ) => {
    try {
      const reply =
        message.kind === 'step' ? step(message) : predict(message.x, message.shape, message.version);
      parentPort!.postMessage(reply, reply.kind === 'predict' ? [reply.probs.buffer as ArrayBuffer] : []);
    } catch (error) {
      parentPort!.postMessage({
        kind: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  },
);
parentPort!.postMessage({ kind: 'ready' });
