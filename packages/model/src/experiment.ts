import { meanAndStd, SpectraError } from '@spectra/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildCnn, buildLogisticRegression, type CnnConfig } from './build-cnn.js';
import { applyTemperature, fitTemperature } from './calibrate.js';
import type { Dataset, DatasetSample, Split } from './dataset.js';
import { argmax, type Evaluation, type EvaluationInput, evaluatePredictions } from './evaluate.js';
import { defaultCnnConfig, TRAINING_DEFAULTS } from './recipe.js';
import { predictSubtypes, type SubtypeHead } from './subtype-head.js';
import { type EpochHistory, predictSetInWorkers, type TrainOptions, trainModel } from './train-model.js';

/** Network and training settings for one fit; the network defaults to the reference CNN. */
export interface FitOptions extends Omit<TrainOptions, 'epochs' | 'batchSize' | 'neighbourSmoothing'> {
  /**
   * Share of each training target moved to the neighbouring MK letters of its class (an ordinal-aware loss; see
   * neighbourTargets). @default 0
   */
  neighbourSmoothing?: number;
  /** @default TRAINING_DEFAULTS.epochs (10) */
  epochs?: number;
  /** @default TRAINING_DEFAULTS.batchSize (64) */
  batchSize?: number;
  /** Overrides of the default CNN (blocks, dense units, dropout, learning rate, seed). */
  cnn?: Partial<Omit<CnnConfig, 'inputLength' | 'channels' | 'classes'>>;
  /** `cnn` (default) or the logistic-regression `baseline`. */
  architecture?: 'cnn' | 'baseline';
  /** Preprocessing variant (store) to train on. Default `default`. */
  variant?: string;
  /** Train (and test) on these samples only (e.g. one data release). */
  filter?: (sample: DatasetSample) => boolean;
}

/** A trained network with its configuration and history. */
export interface FitResult {
  model: tfl.LayersModel;
  config: CnnConfig;
  history: EpochHistory[];
  /** The epoch whose weights were kept (lowest validation loss), or null without a validation split. */
  bestEpoch: EpochHistory | null;
  trainSamples: number;
}

/** Trains a CNN (or the baseline) on a prepared dataset's train split, validating on its validation split. */
export async function fitClassifier(dataset: Dataset, options: FitOptions = {}): Promise<FitResult> {
  const variant = options.variant ?? 'default';
  const store = dataset.stores[variant];
  const config: CnnConfig = {
    ...defaultCnnConfig(dataset.classNames.length, store.length),
    ...options.cnn,
    inputLength: store.length,
    channels: store.channels,
    classes: dataset.classNames.length,
  };
  const model = options.architecture === 'baseline' ? buildLogisticRegression(config) : buildCnn(config);
  const train = dataset.set('train', variant, options.filter);
  if (train.rows.length === 0)
    throw new SpectraError(
      'SPECTRA_TRAINING',
      'the train split is empty: too few spectra or leakage groups (plate–MJD) to split; add spectra',
    );
  const validation = dataset.set('validation', variant, options.filter);
  const { history, bestEpoch } = await trainModel(
    model,
    train,
    validation.rows.length ? validation : undefined,
    {
      ...options,
      epochs: options.epochs ?? TRAINING_DEFAULTS.epochs,
      batchSize: options.batchSize ?? TRAINING_DEFAULTS.batchSize,
      seed: options.seed ?? config.seed,
      patience: options.patience ?? TRAINING_DEFAULTS.patience,
      inputOffset: dataset.choices[variant].center ? 1 : 0,
      neighbourSmoothing: options.neighbourSmoothing
        ? { share: options.neighbourSmoothing, classNames: dataset.classNames }
        : undefined,
    },
  );
  return { model, config, history, bestEpoch, trainSamples: train.rows.length };
}

/** Options of evaluateClassifier. */
export interface EvaluateClassifierOptions {
  /** @default 'test' */
  split?: Split | 'all';
  /** @default 'default' */
  variant?: string;
  filter?: (sample: DatasetSample) => boolean;
  /** The model's own classes when it was trained elsewhere (a saved model). @default the dataset's */
  classNames?: readonly string[];
  /** Worker threads that predict (see predictSetInWorkers). @default 1 */
  workers?: number;
  /** Temperature scaling to apply to the probabilities (see fitTemperature). @default 1 */
  temperature?: number;
  /** A subtype head: the subtype RMS is then of its estimates (else of the letters' centres). */
  subtypeHead?: SubtypeHead | null;
}

/**
 * Scores a model on one split (default test, or `all`) of a dataset, with S/N, coverage and subtype for the bins.
 * `classNames` gives the model's own classes when it was trained elsewhere (a saved model); spectra of classes it
 * does not know are left out and counted in `unknownClass`.
 */
export async function evaluateClassifier(
  model: tfl.LayersModel,
  dataset: Dataset,
  options: EvaluateClassifierOptions = {},
): Promise<Evaluation & { unknownClass: number }> {
  const scored = await scoreSamples(model, dataset, options);
  return { ...evaluatePredictions(scored.input), unknownClass: scored.unknownClass };
}

/** The evaluation input of the chosen samples (predicted once), the samples themselves, and those of unknown classes. */
async function scoreSamples(
  model: tfl.LayersModel,
  dataset: Dataset,
  options: EvaluateClassifierOptions,
): Promise<{ input: EvaluationInput; samples: DatasetSample[]; unknownClass: number }> {
  const classNames = options.classNames ?? dataset.classNames;
  const split = options.split ?? 'test';
  const variant = options.variant ?? 'default';
  const chosen = dataset.samples.filter(
    (s) =>
      s.className &&
      (split === 'all' || s.split === split) &&
      (!options.filter || options.filter(s)) &&
      dataset.rowOf(s, variant) !== undefined,
  );
  const known = chosen.filter((s) => classNames.includes(s.className!));
  const set = { store: dataset.stores[variant], rows: known.map((s) => dataset.rowOf(s, variant)!) };
  const probs = await predictSetInWorkers(
    model,
    { ...set, classes: classNames.length },
    options.workers ?? 1,
  );
  return {
    input: {
      classNames,
      labels: known.map((s) => classNames.indexOf(s.className!)),
      probs: options.temperature ? applyTemperature(probs, options.temperature, classNames.length) : probs,
      snr: known.map((s) => s.snr),
      coverage: known.map((s) => s.coverage),
      subtype: known.map((s) => s.subtype),
      ...(options.subtypeHead && { predictedSubtype: predictSubtypes(model, options.subtypeHead, set) }),
    },
    samples: known,
    unknownClass: chosen.length - known.length,
  };
}

/**
 * Fits the temperature that calibrates a model's probabilities on a dataset's validation split (see
 * fitTemperature), with the expected calibration error there before and after. T = 1 without a validation split.
 */
export async function calibrateClassifier(
  model: tfl.LayersModel,
  dataset: Dataset,
  options: { variant?: string; filter?: (sample: DatasetSample) => boolean; workers?: number } = {},
): Promise<{ temperature: number; eceBefore: number | null; eceAfter: number | null }> {
  const validation = dataset.set('validation', options.variant ?? 'default', options.filter);
  if (validation.rows.length === 0) return { temperature: 1, eceBefore: null, eceAfter: null };
  const probs = await predictSetInWorkers(model, validation, options.workers ?? 1);
  const temperature = fitTemperature(probs, validation.labels, validation.classes);
  const scored = (p: Float32Array) =>
    evaluatePredictions({ classNames: dataset.classNames, labels: validation.labels, probs: p }).ece;
  return {
    temperature,
    eceBefore: scored(probs),
    eceAfter: scored(applyTemperature(probs, temperature, validation.classes)),
  };
}

/** One cell of the release-shift table (Figure 5). */
export interface ReleaseShiftRow {
  train_release: string;
  eval_release: string;
  train_samples: number;
  test_samples: number;
  accuracy: number;
  /** Standard deviation of the accuracy over RELEASE_SHIFT_FOLDS disjoint folds of the evaluated spectra. */
  accuracy_std: number;
  folds: number;
  macro_f1: number;
}

/** Disjoint folds of each release's spectra over which the release shift's spread is measured. */
export const RELEASE_SHIFT_FOLDS = 5;

const releaseOf = (s: DatasetSample) => s.release ?? 'unknown';

/** The data release with the most spectra (the one to train on when measuring release shift). */
export function dominantRelease(dataset: Dataset): string {
  const counts = new Map<string, number>();
  for (const s of dataset.samples) counts.set(releaseOf(s), (counts.get(releaseOf(s)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** A sample filter that keeps one data release. */
export function inRelease(release: string): (sample: DatasetSample) => boolean {
  return (s) => releaseOf(s) === release;
}

/**
 * Figure 5: a model trained on one release's spectra, scored on that release's test split and on every spectrum
 * of each other release — what a change of survey pipeline costs, without retraining — with the spread of the
 * accuracy over RELEASE_SHIFT_FOLDS disjoint folds of the scored spectra.
 */
export async function releaseShift(
  model: tfl.LayersModel,
  dataset: Dataset,
  trainRelease: string,
  options: { classNames?: readonly string[]; workers?: number } = {},
): Promise<ReleaseShiftRow[]> {
  const releases = [...new Set(dataset.samples.map(releaseOf))].sort();
  const trainSamples = dataset.set('train', 'default', inRelease(trainRelease)).rows.length;
  const rows: ReleaseShiftRow[] = [];
  for (const release of releases) {
    // Predicted once; the folds' spread comes from the same probabilities.
    const { input, samples } = await scoreSamples(model, dataset, {
      split: release === trainRelease ? 'test' : 'all',
      filter: inRelease(release),
      ...options,
    });
    if (samples.length === 0) continue;
    const evaluation = evaluatePredictions(input);
    const k = input.classNames.length;
    const folds: number[] = [];
    for (let f = 0; f < RELEASE_SHIFT_FOLDS; f++) {
      const members = samples
        .map((s, i) => (s.row % RELEASE_SHIFT_FOLDS === f ? i : -1))
        .filter((i) => i >= 0);
      if (members.length === 0) continue;
      const right = members.filter(
        (i) => argmax(input.probs.subarray(i * k, (i + 1) * k)) === input.labels[i],
      ).length;
      folds.push(right / members.length);
    }
    const spread = meanAndStd(folds);
    rows.push({
      train_release: trainRelease,
      eval_release: release,
      train_samples: trainSamples,
      test_samples: evaluation.samples,
      accuracy: evaluation.accuracy,
      accuracy_std: spread.std,
      folds: folds.length,
      macro_f1: evaluation.macroF1,
    });
  }
  return rows;
}
