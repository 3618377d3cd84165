import { meanAndStd, SpectraError, seededRandom } from '@spectra/core';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { type AugmentOptions, augmentBatch } from './augment.js';
import { neighbourTargets } from './neighbour-targets.js';
import { predictSet } from './predict-set.js';
import { TRAINING_DEFAULTS } from './recipe.js';
import type { SampleStore } from './sample-store.js';
import { SUBTYPE_OUTPUT_LAYER, trainingLoss, withSubtypeOutput } from './subtype-output.js';
import { TrainingWorkers } from './training-workers.js';

/** One epoch of the training history, as the plots read it. */
export interface EpochHistory {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds: number;
  /** The optimizer's learning rate during the epoch (absent in histories saved before it was recorded). */
  learningRate?: number;
}

/** Rows of a sample store that form one split, with their class indices. */
export interface LabelledSet {
  store: SampleStore;
  /** Store rows in this set. */
  rows: readonly number[];
  /** Class index of each entry of `rows`. */
  labels: ArrayLike<number>;
  classes: number;
  /** Subtype (O0 = 0 … M9 = 69) of each entry of `rows`, NaN where unknown; used by `subtypeWeight`. */
  subtypes?: ArrayLike<number>;
}

/** Options for trainModel. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Stop when validation loss has not improved for this many epochs. Default: never stop early. */
  patience?: number;
  /**
   * An epoch counts as better (for early stopping, the weights kept and reduceLearningRate) only when its validation
   * loss is below the best so far by more than this (Keras' min_delta). @default 0
   */
  minDelta?: number;
  /**
   * An ordinal-aware loss: this share of each training target goes to the neighbouring MK letters of its class
   * (see neighbourTargets; `classNames` in label order). Validation and accuracy keep the plain labels. @default none
   */
  neighbourSmoothing?: { share: number; classNames: readonly string[] };
  /** Keep the weights of the epoch with the lowest validation loss. Default true. */
  restoreBest?: boolean;
  /**
   * Validate, keep and return a moving average of the weights instead of the last step's (Polyak averaging, an
   * exponential moving average as in Keras' `use_ema`): after every step average ← d · average + (1 − d) · weights,
   * debiased by 1 − dᵗ as Adam debiases its moments. The decay d per step, in (0, 1); 0.99 averages over the last
   * ~100 steps. The optimizer goes on from the step's own weights. @default none
   */
  weightAverage?: number;
  /**
   * Multiply the optimizer's learning rate by `factor` each time the validation loss has not improved for
   * `patience` epochs (Keras' ReduceLROnPlateau; the early-stopping count goes on). @default never
   */
  reduceLearningRate?: LearningRateReduction;
  /** Weight classes by inverse frequency against imbalance (Keras' class_weight semantics). Default true. */
  classWeights?: boolean;
  /** Seed of the per-epoch shuffle. @default TRAINING_DEFAULTS.seed (42) */
  seed?: number;
  /**
   * Weight of the auxiliary subtype output in the loss (squared error in letters, for the training spectra with a
   * known subtype; see withSubtypeOutput). 0 trains on the letters alone.
   * @default TRAINING_DEFAULTS.subtypeWeight
   */
  subtypeWeight?: number;
  /** Random changes to each training spectrum, every epoch (see augmentBatch). @default none */
  augment?: AugmentOptions;
  /** What was subtracted from the normalised flux of the inputs (1 for centred rows), for the augmentation. @default 0 */
  inputOffset?: number;
  /**
   * Worker threads that train data-parallel: each computes the gradient of its shard of every batch (see
   * TrainingWorkers). 1 trains in this thread, exactly as before. @default 1
   */
  workers?: number;
  onEpoch?: (history: EpochHistory) => void;
  onBatch?: (done: number, total: number) => void;
}

/** How trainModel lowers the learning rate when the validation loss stops improving. */
export interface LearningRateReduction {
  /** Multiplies the learning rate, in (0, 1). */
  factor: number;
  /** Epochs without a better validation loss before each reduction (≥ 1). */
  patience: number;
}

/** Inverse-frequency class weights, n / (classes × count); absent classes get 0. */
export function classWeights(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts.map((c) => (c > 0 ? labels.length / (classes * c) : 0));
}

/** Below this many rows, inference stays in this thread: starting workers costs more than it saves. */
export const PARALLEL_INFERENCE_MIN_ROWS = 1024;

/**
 * predictSet spread over `workers` worker threads (each with its own backend and a copy of the network), for sets
 * of PARALLEL_INFERENCE_MIN_ROWS rows or more; in this thread otherwise. The same probabilities either way.
 */
export async function predictSetInWorkers(
  model: tfl.LayersModel,
  set: Pick<LabelledSet, 'store' | 'rows' | 'classes'>,
  workers: number,
): Promise<Float32Array> {
  if (workers <= 1 || set.rows.length < PARALLEL_INFERENCE_MIN_ROWS) return predictSet(model, set);
  const pool = await TrainingWorkers.start(model, workers, set.classes);
  try {
    return await pool.predictRows(set.store, set.rows, set.classes);
  } finally {
    await pool.close();
  }
}

/**
 * Sets a new seed on every dropout layer. tfjs-layers draws a dropout mask from the layer's fixed seed, the same
 * mask at every step (a smaller network, not dropout); a seed per step and shard keeps runs reproducible and the
 * masks random.
 */
export function reseedDropout(model: tfl.LayersModel, seed: number): void {
  for (const layer of model.layers)
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed: number }).seed = seed;
}

/** Mean categorical cross-entropy and accuracy of predicted probabilities. */
export function lossAndAccuracy(
  probs: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = probs.subarray(i * classes, (i + 1) * classes);
    loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, row[labels[i]])));
    let best = 0;
    for (let k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
    if (best === labels[i]) correct++;
  }
  const n = Math.max(1, labels.length);
  return { loss: loss / n, accuracy: correct / n };
}

/**
 * Trains a compiled model on batches streamed from a sample store: a seeded shuffle per epoch, inverse-frequency
 * class weights, validation after every epoch, early stopping on the validation loss and (by default) the weights
 * of the best epoch restored. Only one batch of inputs is in memory at a time. The same seed gives the same run.
 * Returns the history and the epoch whose weights were kept (null without validation).
 */
export async function trainModel(
  model: tfl.LayersModel,
  train: LabelledSet,
  validation: LabelledSet | undefined,
  options: TrainOptions,
): Promise<{ history: EpochHistory[]; bestEpoch: EpochHistory | null }> {
  const reduce = options.reduceLearningRate;
  if (
    reduce &&
    !(reduce.factor > 0 && reduce.factor < 1 && Number.isInteger(reduce.patience) && reduce.patience >= 1)
  )
    throw new SpectraError(
      'SPECTRA_TRAINING',
      `reduceLearningRate needs a factor in (0, 1) and a whole patience ≥ 1 (got factor ${reduce.factor}, patience ${reduce.patience})`,
    );
  const minDelta = options.minDelta ?? 0;
  if (!(minDelta >= 0 && Number.isFinite(minDelta)))
    throw new SpectraError('SPECTRA_TRAINING', `minDelta must be a finite number ≥ 0 (got ${minDelta})`);
  const smoothing = options.neighbourSmoothing;
  if (smoothing && smoothing.classNames.length !== train.classes)
    throw new SpectraError(
      'SPECTRA_TRAINING',
      `neighbour smoothing names ${smoothing.classNames.length} classes for a set of ${train.classes}`,
    );
  const targets = smoothing ? neighbourTargets(smoothing.classNames, smoothing.share) : undefined;
  const decay = options.weightAverage;
  if (decay !== undefined && !(decay > 0 && decay < 1))
    throw new SpectraError('SPECTRA_TRAINING', `weightAverage must be a decay in (0, 1) (got ${decay})`);
  const optimizer = model.optimizer;
  const weights = options.classWeights === false ? undefined : classWeights(train.labels, train.classes);
  const knownSubtypes = Array.from(train.subtypes ?? []).filter(Number.isFinite);
  const subtypeWeight = knownSubtypes.length ? (options.subtypeWeight ?? TRAINING_DEFAULTS.subtypeWeight) : 0;
  // With a subtype weight, the classifier's layers train inside a network that also predicts the subtype.
  const net =
    subtypeWeight > 0
      ? withSubtypeOutput(model, (options.seed ?? TRAINING_DEFAULTS.seed) + 1, meanAndStd(knownSubtypes).mean)
      : model;
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const average = decay ? new WeightAverage(variables, decay) : undefined;
  const random = seededRandom(options.seed ?? TRAINING_DEFAULTS.seed);
  // Its own stream, drawn in batch order in this thread: the same augmentation for any worker count.
  const augmentRandom = seededRandom((options.seed ?? TRAINING_DEFAULTS.seed) + 0x5eed);
  const augment = options.augment
    ? (x: Float32Array) =>
        augmentBatch(
          x,
          train.store.length,
          train.store.channels,
          options.augment!,
          augmentRandom,
          options.inputOffset ?? 0,
        )
    : undefined;
  const order = Array.from({ length: train.rows.length }, (_, i) => i);
  const batches = Math.ceil(order.length / options.batchSize);
  const history: EpochHistory[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch: EpochHistory | null = null;
  let bestWeights: tf.Tensor[] | undefined;
  let waited = 0;
  let waitedRate = 0;
  // The optimizer's rate is a field it reads at every step; a reduction lasts for this run only.
  const rated = optimizer as unknown as { learningRate: number };
  const initialRate = rated.learningRate;
  const parallel = Math.min(options.workers ?? 1, options.batchSize);
  const pool =
    parallel > 1
      ? await TrainingWorkers.start(net, parallel, train.classes, {
          subtypeWeight,
          ...(targets && { targets: Array.from(targets) }),
        })
      : undefined;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const started = performance.now();
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random.uniform() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        const positions = order.slice(b * options.batchSize, (b + 1) * options.batchSize);
        const labels = positions.map((p) => train.labels[p]);
        // One dropout seed per step (and shard): random masks, reproducible runs.
        const dropoutSeed =
          (((options.seed ?? TRAINING_DEFAULTS.seed) * 7919 + epoch * 100_003 + b * 131) >>> 0) % 2 ** 30;
        if (pool) {
          const shards = shardsOf(train, positions, weights, pool.size, subtypeWeight > 0).map(
            (shard, k) => ({
              ...shard,
              dropoutSeed: dropoutSeed + k,
            }),
          );
          for (const shard of shards) augment?.(shard.x);
          const result = await pool.step(shards, positions.length);
          average?.add();
          lossSum += result.lossSum;
          correct += result.hits;
          options.onBatch?.(b + 1, batches);
          continue;
        }
        const inputs = train.store.read(positions.map((p) => train.rows[p]));
        augment?.(inputs);
        reseedDropout(net, dropoutSeed);
        const subtypes = subtypeWeight > 0 ? subtypesOf(train, positions) : undefined;
        const step = tf.tidy(() => {
          const x = tf.tensor3d(inputs, [positions.length, train.store.length, train.store.channels]);
          const y = targetsOf(labels, train.classes, targets);
          const w = weights ? tf.tensor1d(labels.map((l) => weights[l])) : tf.onesLike(tf.tensor1d(labels));
          let hits: tf.Scalar | undefined;
          const loss = optimizer.minimize(
            () => {
              const terms = trainingLoss(
                net.apply(x, { training: true }) as tf.Tensor | tf.Tensor[],
                y,
                w,
                subtypes,
                subtypeWeight,
              );
              hits = tf.keep(terms.hits);
              return tf.mean(terms.perSample) as tf.Scalar;
            },
            true,
            variables,
          ) as tf.Scalar;
          return [loss, hits!];
        });
        average?.add();
        lossSum += (await step[0].data())[0] * positions.length;
        correct += (await step[1].data())[0];
        tf.dispose(step);
        options.onBatch?.(b + 1, batches);
      }
      let valLoss: number | null = null;
      let valAccuracy: number | null = null;
      // With weight averaging, the averaged weights are the ones validated (and kept, when best).
      if (validation && validation.rows.length > 0) {
        average?.swapIn();
        try {
          if (average) pool?.syncWeights();
          const probs = pool
            ? await pool.predictRows(validation.store, validation.rows, validation.classes)
            : predictSet(model, validation);
          const scores = lossAndAccuracy(probs, validation.labels, validation.classes);
          valLoss = scores.loss;
          valAccuracy = scores.accuracy;
        } finally {
          average?.swapOut();
          if (average) pool?.syncWeights();
        }
      }
      const entry: EpochHistory = {
        epoch,
        loss: lossSum / Math.max(1, order.length),
        accuracy: correct / Math.max(1, order.length),
        valLoss,
        valAccuracy,
        seconds: (performance.now() - started) / 1000,
        learningRate: rated.learningRate,
      };
      history.push(entry);
      options.onEpoch?.(entry);
      if (valLoss !== null) {
        if (valLoss < best - Math.max(1e-6, minDelta)) {
          best = valLoss;
          bestEpoch = entry;
          waited = 0;
          waitedRate = 0;
          if (options.restoreBest !== false) {
            tf.dispose(bestWeights ?? []);
            bestWeights = average ? average.averaged() : variables.map((v) => tf.clone(v));
          }
        } else {
          if (options.patience !== undefined && ++waited >= options.patience) break;
          if (reduce && ++waitedRate >= reduce.patience) {
            rated.learningRate *= reduce.factor;
            waitedRate = 0;
          }
        }
      }
    }
    // The variables hold the last step's own weights: the best epoch's (averaged or not) replace them, else the
    // average does.
    const kept = bestWeights ?? average?.averaged();
    if (kept && (average || history.at(-1)!.valLoss !== best))
      for (const [k, v] of variables.entries()) v.assign(kept[k]);
    if (kept !== bestWeights) tf.dispose(kept ?? []);
  } finally {
    rated.learningRate = initialRate;
    tf.dispose(bestWeights ?? []);
    average?.dispose();
    await pool?.close();
    // The subtype output's own weights (disposing the training network would free the shared layers too).
    if (net !== model) net.getLayer(SUBTYPE_OUTPUT_LAYER).dispose();
  }
  return { history, bestEpoch };
}

/**
 * An exponential moving average of trainable variables (see TrainOptions.weightAverage): `add()` after each step;
 * `averaged()` is the debiased average (new tensors, the caller's); `swapIn()` puts it into the variables and
 * `swapOut()` puts the step's weights back.
 */
class WeightAverage {
  readonly #variables: tf.Variable[];
  readonly #decay: number;
  readonly #sums: tf.Variable[];
  #steps = 0;
  #saved: tf.Tensor[] | undefined;

  constructor(variables: tf.Variable[], decay: number) {
    this.#variables = variables;
    this.#decay = decay;
    // Variables outlive tidy; the zeros they start from do not.
    this.#sums = tf.tidy(() => variables.map((v) => tf.variable(tf.zerosLike(v), false)));
  }

  add(): void {
    this.#steps++;
    const d = this.#decay;
    tf.tidy(() => {
      for (const [k, sum] of this.#sums.entries())
        sum.assign(tf.add(tf.mul(sum, d), tf.mul(this.#variables[k], 1 - d)));
    });
  }

  /** The average so far, divided by 1 − dᵗ; before any step, the variables themselves. */
  averaged(): tf.Tensor[] {
    if (this.#steps === 0) return this.#variables.map((v) => tf.clone(v));
    const debias = 1 / (1 - this.#decay ** this.#steps);
    return tf.tidy(() => this.#sums.map((sum) => tf.mul(sum, debias)));
  }

  swapIn(): void {
    this.#saved = this.#variables.map((v) => tf.clone(v));
    const average = this.averaged();
    for (const [k, v] of this.#variables.entries()) v.assign(average[k]);
    tf.dispose(average);
  }

  swapOut(): void {
    if (!this.#saved) return;
    for (const [k, v] of this.#variables.entries()) v.assign(this.#saved[k]);
    tf.dispose(this.#saved);
    this.#saved = undefined;
  }

  dispose(): void {
    tf.dispose([...(this.#saved ?? []), ...this.#sums]);
  }
}

/**
 * A batch split into `count` contiguous shards (sizes differ by at most one), each with its inputs, labels and
 * sample weights (the class weights, or 1).
 */
function shardsOf(
  set: LabelledSet,
  positions: readonly number[],
  weights: number[] | undefined,
  count: number,
  withSubtypes: boolean,
) {
  const shards = [];
  const per = Math.ceil(positions.length / count);
  for (let k = 0; k < count; k++) {
    const part = positions.slice(k * per, (k + 1) * per);
    if (part.length === 0) continue;
    const labels = Int32Array.from(part, (p) => set.labels[p]);
    shards.push({
      x: set.store.read(part.map((p) => set.rows[p])),
      shape: [part.length, set.store.length, set.store.channels] as [number, number, number],
      labels,
      sampleWeights: Float32Array.from(labels, (l) => (weights ? weights[l] : 1)),
      ...(withSubtypes && { subtypes: subtypesOf(set, part) }),
    });
  }
  return shards;
}

/** The subtypes of a batch's positions (NaN where unknown). */
function subtypesOf(set: LabelledSet, positions: readonly number[]): Float32Array {
  return Float32Array.from(positions, (p) => set.subtypes?.[p] ?? Number.NaN);
}

/** The training targets of a batch: one-hot labels, or — with a targets matrix — those rows of it. */
export function targetsOf(
  labels: number[] | Int32Array,
  classes: number,
  targets?: number[] | Float32Array,
): tf.Tensor2D {
  const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes) as tf.Tensor2D;
  return targets ? tf.matMul(oneHot, tf.tensor2d(targets, [classes, classes])) : oneHot;
}
