import type * as tfl from '@tensorflow/tfjs-layers';
import { buildCnn, buildLogisticRegression, type CnnConfig, defaultCnnConfig } from './build-cnn.js';
import { type Evaluation, evaluatePredictions } from './evaluate.js';
import type { DatasetSample, PreparedDataset, Split } from './prepare-dataset.js';
import { type EpochHistory, predictSet, type TrainOptions, trainModel } from './train-model.js';

/** Network and training settings for one fit; the network defaults to the reference CNN. */
export interface FitOptions extends Omit<TrainOptions, 'epochs' | 'batchSize'> {
  epochs?: number;
  batchSize?: number;
  /** Overrides of the default CNN (blocks, dense units, dropout, learning rate, seed). */
  cnn?: Partial<Omit<CnnConfig, 'inputLength' | 'channels' | 'classes'>>;
  /** `cnn` (default) or the logistic-regression `baseline`. */
  architecture?: 'cnn' | 'baseline';
  /** Preprocessing variant (store) to train on. Default `default`. */
  variant?: string;
  /** Train on these samples only (e.g. one data release). */
  filter?: (sample: DatasetSample) => boolean;
}

/** A trained network with its configuration and history. */
export interface FitResult {
  model: tfl.LayersModel;
  config: CnnConfig;
  history: EpochHistory[];
}

/** Trains a CNN (or the baseline) on a prepared dataset's train split, validating on its validation split. */
export async function fitClassifier(dataset: PreparedDataset, options: FitOptions = {}): Promise<FitResult> {
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
  if (train.rows.length === 0) throw new RangeError('the train split is empty');
  const validation = dataset.set('validation', variant, options.filter);
  const history = await trainModel(model, train, validation.rows.length ? validation : undefined, {
    ...options,
    epochs: options.epochs ?? 10,
    batchSize: options.batchSize ?? 64,
    seed: options.seed ?? config.seed,
  });
  return { model, config, history };
}

/**
 * Scores a model on one split (default test, or `all`) of a dataset, with S/N, coverage and subtype for the bins.
 * `classNames` gives the model's own classes when it was trained elsewhere (a saved model); spectra of classes it
 * does not know are left out and counted in `unknownClass`.
 */
export function evaluateClassifier(
  model: tfl.LayersModel,
  dataset: PreparedDataset,
  options: {
    split?: Split | 'all';
    variant?: string;
    filter?: (sample: DatasetSample) => boolean;
    classNames?: readonly string[];
  } = {},
): Evaluation & { unknownClass: number } {
  const classNames = options.classNames ?? dataset.classNames;
  const split = options.split ?? 'test';
  const chosen = dataset.samples.filter(
    (s) => s.className && (split === 'all' || s.split === split) && (!options.filter || options.filter(s)),
  );
  const known = chosen.filter((s) => classNames.includes(s.className!));
  const probs = predictSet(model, {
    store: dataset.stores[options.variant ?? 'default'],
    rows: known.map((s) => s.row),
    classes: classNames.length,
  });
  return {
    ...evaluatePredictions({
      classNames,
      labels: known.map((s) => classNames.indexOf(s.className!)),
      probs,
      snr: known.map((s) => s.snr),
      coverage: known.map((s) => s.coverage),
      subtype: known.map((s) => s.subtype),
    }),
    unknownClass: chosen.length - known.length,
  };
}

/** One row of ablation_studies.csv. */
export interface AblationRow {
  variant: string;
  description: string;
  architecture: string;
  input_length: number;
  continuum: boolean;
  deredden: boolean;
  epochs: number;
  test_samples: number;
  accuracy: number;
  macro_f1: number;
  delta_accuracy: number;
}

/**
 * Trains and tests one model per preprocessing variant (and the baseline on the default inputs) with the same
 * seed, splits and settings, and reports each against the default: what each step of the preprocessing buys.
 */
export async function runAblation(
  dataset: PreparedDataset,
  descriptions: Record<string, string>,
  options: FitOptions = {},
  onRun?: (variant: string) => void,
): Promise<AblationRow[]> {
  const runs: Array<[string, string, 'cnn' | 'baseline']> = [
    ['default', 'all preprocessing steps (reference)', 'cnn'],
    ...Object.keys(dataset.stores)
      .filter((v) => v !== 'default')
      .map((v) => [v, descriptions[v] ?? v, 'cnn'] as [string, string, 'cnn']),
    ['baseline', 'logistic regression on the default inputs', 'baseline'],
  ];
  const rows: AblationRow[] = [];
  for (const [variant, description, architecture] of runs) {
    onRun?.(variant);
    const store = variant === 'baseline' ? 'default' : variant;
    const fit = await fitClassifier(dataset, { ...options, variant: store, architecture });
    const evaluation = evaluateClassifier(fit.model, dataset, { variant: store });
    fit.model.dispose();
    const choices = dataset.choices[store];
    rows.push({
      variant,
      description,
      architecture,
      input_length: choices.grid.length,
      continuum: choices.continuum,
      deredden: choices.deredden,
      epochs: fit.history.length,
      test_samples: evaluation.samples,
      accuracy: evaluation.accuracy,
      macro_f1: evaluation.macroF1,
      delta_accuracy: 0,
    });
  }
  for (const row of rows) row.delta_accuracy = row.accuracy - rows[0].accuracy;
  return rows;
}

/** One cell of the release-shift table (Figure 5). */
export interface ReleaseShiftRow {
  train_release: string;
  eval_release: string;
  train_samples: number;
  test_samples: number;
  accuracy: number;
  macro_f1: number;
}

/**
 * Trains on each data release's training spectra and tests on every release's test spectra: the diagonal is
 * in-release accuracy, the rest is what a change of pipeline version costs. Releases with fewer than
 * `minSamples` training spectra are skipped.
 */
export async function runReleaseShift(
  dataset: PreparedDataset,
  options: FitOptions & { minSamples?: number } = {},
): Promise<ReleaseShiftRow[]> {
  const releases = [...new Set(dataset.samples.map((s) => s.release ?? 'unknown'))].sort();
  const rows: ReleaseShiftRow[] = [];
  for (const trainRelease of releases) {
    const inRelease = (s: DatasetSample) => (s.release ?? 'unknown') === trainRelease;
    const trainSize = dataset.set('train', 'default', inRelease).rows.length;
    if (trainSize < (options.minSamples ?? 50)) continue;
    const fit = await fitClassifier(dataset, { ...options, filter: inRelease });
    for (const evalRelease of releases) {
      const evaluation = evaluateClassifier(fit.model, dataset, {
        filter: (s) => (s.release ?? 'unknown') === evalRelease,
      });
      if (evaluation.samples === 0) continue;
      rows.push({
        train_release: trainRelease,
        eval_release: evalRelease,
        train_samples: trainSize,
        test_samples: evaluation.samples,
        accuracy: evaluation.accuracy,
        macro_f1: evaluation.macroF1,
      });
    }
    fit.model.dispose();
  }
  return rows;
}
