import { Worker } from 'node:worker_threads';
import { SpectraError } from '@spectra/core';
import { workerScript } from '@spectra/core/worker-pool';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { INFERENCE_BATCH } from './inference-batch.js';

/** Where one of the model's weights lives in the shared weight buffer. */
export interface WeightSlot {
  /** Position in `model.weights`. */
  index: number;
  shape: number[];
  size: number;
  /** Offset (in floats) in the shared weight buffer. */
  offset: number;
  trainable: boolean;
}

/** What the workers' loss needs beside the labels: the subtype output's weight and the targets per class. */
interface WorkerLossOptions {
  subtypeWeight?: number;
  targets?: number[];
}

/** What a training worker is started with. */
export interface TrainWorkerInit {
  topology: unknown;
  backend: string;
  classes: number;
  /** Weight of the subtype output's loss (0: the network has none, or it is not trained). */
  subtypeWeight: number;
  /** Training targets per class, classes × classes row-major (neighbourTargets); absent: one-hot labels. */
  targets?: number[];
  layout: WeightSlot[];
  /** All weights, in `layout` order (SharedArrayBuffer of float32). */
  weights: SharedArrayBuffer;
  /** One slot of `trainableSize` floats per worker for its gradients (SharedArrayBuffer of float32). */
  gradients: SharedArrayBuffer;
  trainableSize: number;
  slot: number;
}

/** A shard of a batch for one worker. */
export interface StepRequest {
  kind: 'step';
  version: number;
  x: Float32Array;
  shape: [number, number, number];
  labels: Int32Array;
  sampleWeights: Float32Array;
  /** 1 / (samples in the whole batch): shard gradients then add up to the batch gradient. */
  scale: number;
  /** Seed of this step's dropout masks (see reseedDropout). @default the layers' own */
  dropoutSeed?: number;
  /** Subtype of each sample (NaN where unknown), for a network with a subtype output. */
  subtypes?: Float32Array;
}

/** One worker's part of a batch: inputs (rows × length × channels), labels and sample weights. */
export type Shard = Omit<StepRequest, 'kind' | 'version' | 'scale'>;

/** A worker's answer. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'step'; lossSum: number; hits: number; state: Float32Array[] }
  | { kind: 'predict'; probs: Float32Array }
  | { kind: 'error'; message: string };

/**
 * Data-parallel training over worker threads, each with its own TensorFlow.js backend and a copy of the network.
 * Weights reach the workers through shared memory (written once per step, read only by workers whose copy is
 * stale); each worker writes its shard's gradient into its own slot of a shared buffer; the main thread adds the
 * slots in worker order (so a run is reproducible for a seed and a worker count) and applies the model's
 * optimizer once. A worker that dies is a SpectraError `SPECTRA_WORKER`, never a hang.
 */
export class TrainingWorkers {
  readonly size: number;
  readonly #model: tfl.LayersModel;
  readonly #workers: Worker[];
  readonly #layout: WeightSlot[];
  readonly #weights: Float32Array;
  readonly #gradients: Float32Array;
  readonly #trainableSize: number;
  readonly #pending = new Map<Worker, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  #version = 0;
  #failure: Error | undefined;
  #closed = false;

  private constructor(model: tfl.LayersModel, workers: number, classes: number, options: WorkerLossOptions) {
    this.#model = model;
    this.size = workers;
    let offset = 0;
    let trainableSize = 0;
    const trainableNames = new Set(model.trainableWeights.map((w) => w.name));
    this.#layout = model.weights.map((w, index) => {
      const size = w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
      const slot = { index, shape: w.shape as number[], size, offset, trainable: trainableNames.has(w.name) };
      offset += size;
      if (slot.trainable) trainableSize += size;
      return slot;
    });
    this.#trainableSize = trainableSize;
    const weights = new SharedArrayBuffer(offset * 4);
    const gradients = new SharedArrayBuffer(trainableSize * 4 * workers);
    this.#weights = new Float32Array(weights);
    this.#gradients = new Float32Array(gradients);
    this.#publishWeights();
    const topology = model.toJSON(null, false);
    const script = workerScript('train-worker', import.meta.url);
    this.#workers = Array.from({ length: workers }, (_, slot) => {
      const init: TrainWorkerInit = {
        topology,
        backend: tf.getBackend(),
        classes,
        subtypeWeight: options.subtypeWeight ?? 0,
        ...(options.targets && { targets: options.targets }),
        layout: this.#layout,
        weights,
        gradients,
        trainableSize,
        slot,
      };
      // Not the parent's flags: a test runner's source-condition resolution would hand the worker TypeScript.
      const worker = new Worker(script, { workerData: init, execArgv: [] });
      worker.on('message', (reply: WorkerReply) => this.#settle(worker, reply));
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (!this.#closed)
          this.#fail(
            new SpectraError(
              'SPECTRA_WORKER',
              `a training worker stopped (exit code ${code}) before training ended`,
            ),
          );
      });
      return worker;
    });
  }

  /**
   * Starts `workers` training workers for `model` and waits until each has built its copy. `subtypeWeight` is for a
   * network with a subtype output (see withSubtypeOutput): the weight of its loss. @default 0. `targets`: the
   * training targets per class (neighbourTargets). @default one-hot
   */
  static async start(
    model: tfl.LayersModel,
    workers: number,
    classes: number,
    options: WorkerLossOptions = {},
  ): Promise<TrainingWorkers> {
    const pool = new TrainingWorkers(model, workers, classes, options);
    try {
      await Promise.all(pool.#workers.map((worker) => pool.#await(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /**
   * One optimizer step on a batch split into one shard per worker: returns the batch's summed weighted loss and
   * its correct predictions. `shards[k]` goes to worker k; the gradients are added in that order.
   */
  async step(shards: Shard[], batchSize: number): Promise<{ lossSum: number; hits: number }> {
    const { gradient, replies } = await this.gradient(shards, batchSize);
    const variables = this.#model.weights.map((w) => w.read() as tf.Variable);
    const named: Record<string, tf.Tensor> = {};
    let offset = 0;
    for (const slot of this.#layout) {
      if (!slot.trainable) continue;
      const variable = variables[slot.index];
      named[variable.name] = tf.tensor(gradient.subarray(offset, offset + slot.size), slot.shape, 'float32');
      offset += slot.size;
    }
    this.#model.optimizer.applyGradients(named);
    tf.dispose(Object.values(named));
    // Non-trainable state (batch-norm moving statistics): the shard-size-weighted mean of the workers' updates.
    const stateSlots = this.#layout.filter((s) => !s.trainable);
    if (stateSlots.length) {
      const total = shards.reduce((a, s) => a + s.labels.length, 0);
      stateSlots.forEach((slot, j) => {
        const mean = new Float32Array(slot.size);
        replies.forEach((reply, k) => {
          const state = reply.state[j];
          const share = shards[k].labels.length / total;
          for (let i = 0; i < mean.length; i++) mean[i] += share * state[i];
        });
        tf.tidy(() => variables[slot.index].assign(tf.tensor(mean, slot.shape, 'float32')));
      });
    }
    this.#publishWeights();
    let lossSum = 0;
    let hits = 0;
    for (const reply of replies) {
      lossSum += reply.lossSum;
      hits += reply.hits;
    }
    return { lossSum, hits };
  }

  /**
   * The batch's loss gradient with respect to the trainable weights (in `model.trainableWeights` order, flattened):
   * each worker's shard gradient, added in worker order. Nothing is applied.
   */
  async gradient(
    shards: Shard[],
    batchSize: number,
  ): Promise<{ gradient: Float32Array; replies: Array<Extract<WorkerReply, { kind: 'step' }>> }> {
    if (shards.length > this.size) throw new RangeError(`${shards.length} shards for ${this.size} workers`);
    const replies = await Promise.all(
      shards.map((shard, k) => {
        const request: StepRequest = { kind: 'step', version: this.#version, scale: 1 / batchSize, ...shard };
        return this.#send(this.#workers[k], request, [shard.x.buffer as ArrayBuffer]);
      }),
    );
    const gradient = new Float32Array(this.#trainableSize);
    for (let k = 0; k < shards.length; k++) {
      const slot = this.#gradients.subarray(k * this.#trainableSize, (k + 1) * this.#trainableSize);
      for (let i = 0; i < gradient.length; i++) gradient[i] += slot[i];
    }
    return { gradient, replies: replies as Array<Extract<WorkerReply, { kind: 'step' }>> };
  }

  /** The worker threads, for monitoring (resource use) and for tests that stop one. */
  get threads(): readonly Worker[] {
    return this.#workers;
  }

  /**
   * Class probabilities of the store rows `rows` (rows × classes floats), in chunks of `chunk` rows handed to
   * whichever worker is free, so reading the next chunk overlaps the workers' work.
   */
  async predictRows(
    store: { length: number; channels: number; read(indices: readonly number[]): Float32Array },
    rows: readonly number[],
    classes: number,
    chunk = INFERENCE_BATCH,
  ): Promise<Float32Array> {
    const out = new Float32Array(rows.length * classes);
    let next = 0;
    const run = async (worker: Worker) => {
      while (next < rows.length) {
        const start = next;
        next = Math.min(rows.length, next + chunk);
        const x = store.read(rows.slice(start, next));
        const reply = await this.#send(
          worker,
          { kind: 'predict', version: this.#version, x, shape: [next - start, store.length, store.channels] },
          [x.buffer as ArrayBuffer],
        );
        out.set((reply as Extract<WorkerReply, { kind: 'predict' }>).probs, start * classes);
      }
    };
    await Promise.all(this.#workers.map(run));
    return out;
  }

  /** Hands the network's current weights to the workers (after the caller changed them between steps). */
  syncWeights(): void {
    this.#publishWeights();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers?.map((w) => w.terminate()) ?? []);
  }

  #publishWeights(): void {
    for (const slot of this.#layout) {
      const values = this.#model.weights[slot.index].read().dataSync() as Float32Array;
      this.#weights.set(values, slot.offset);
    }
    this.#version++;
  }

  #send(worker: Worker, message: unknown, transfer: ArrayBuffer[]): Promise<WorkerReply> {
    const reply = this.#await(worker);
    worker.postMessage(message, transfer);
    return reply;
  }

  #await(worker: Worker): Promise<WorkerReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#pending.set(worker, { resolve, reject }));
  }

  #settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.#pending.get(worker);
    this.#pending.delete(worker);
    if (reply.kind === 'error') pending?.reject(new Error(`training worker failed: ${reply.message}`));
    else pending?.resolve(reply);
  }

  #fail(error: Error): void {
    this.#failure ??=
      error instanceof SpectraError
        ? error
        : new SpectraError('SPECTRA_WORKER', `a training worker failed: ${error.message}`);
    for (const [, pending] of this.#pending) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
