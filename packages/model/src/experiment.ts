import { SpectraError } from '@spectra/fits';
import { seededRandom } from '@spectra/synth';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildCnn, buildLogisticRegression, type CnnConfig, defaultCnnConfig } from './build-cnn.js';
import { type Evaluation, evaluatePredictions } from './evaluate.js';
import type { PreprocessChoices } from './model-folder.js';
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
  /** Train (and test) on these samples only (e.g. one data release). */
  filter?: (sample: DatasetSample) => boolean;
}

/** A trained network with its configuration and history. */
export interface FitResult {
  model: tfl.LayersModel;
  config: CnnConfig;
  history: EpochHistory[];
  trainSamples: number;
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
  if (train.rows.length === 0)
    throw new SpectraError(
      'SPECTRA_TRAINING',
      'the train split is empty: too few spectra or leakage groups (plate–MJD) to split; add spectra',
    );
  const validation = dataset.set('validation', variant, options.filter);
  const history = await trainModel(model, train, validation.rows.length ? validation : undefined, {
    ...options,
    epochs: options.epochs ?? 10,
    batchSize: options.batchSize ?? 64,
    seed: options.seed ?? config.seed,
  });
  return { model, config, history, trainSamples: train.rows.length };
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
  const variant = options.variant ?? 'default';
  const chosen = dataset.samples.filter(
    (s) =>
      s.className &&
      (split === 'all' || s.split === split) &&
      (!options.filter || options.filter(s)) &&
      dataset.rowOf(s, variant) !== undefined,
  );
  const known = chosen.filter((s) => classNames.includes(s.className!));
  const probs = predictSet(model, {
    store: dataset.stores[variant],
    rows: known.map((s) => dataset.rowOf(s, variant)!),
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
  train_samples: number;
  test_samples: number;
  accuracy: number;
  macro_f1: number;
  delta_accuracy: number;
}

/** A preprocessing variant for an ablation. */
export interface AblationVariant {
  choices: PreprocessChoices;
  description: string;
}

/**
 * Trains and tests one model per preprocessing variant, the default inputs and the baseline, with the same seed,
 * splits and settings: what each step of the preprocessing buys. `fraction` < 1 trains each on the same seeded
 * fraction of the training (and validation) split; the test split is always whole. Variants are preprocessed for
 * just those spectra, in `workers` threads.
 */
export async function runAblation(
  dataset: PreparedDataset,
  variants: Record<string, AblationVariant>,
  options: FitOptions & { fraction?: number; workers?: number } = {},
  onRun?: (variant: string) => void,
): Promise<AblationRow[]> {
  const fraction = options.fraction ?? 1;
  const random = seededRandom(options.seed ?? 42);
  const keep = new Set<number>();
  for (const s of dataset.samples) {
    const u = random.uniform();
    if (!s.className || (options.filter && !options.filter(s))) continue;
    if (s.split === 'test' || u < fraction) keep.add(s.row);
  }
  const inSubset = (s: DatasetSample) => keep.has(s.row) && (!options.filter || options.filter(s));
  const subset = dataset.samples.filter(inSubset);
  const missing = Object.entries(variants).filter(([name]) => !dataset.stores[name]);
  if (missing.length)
    await dataset.addVariants(
      Object.fromEntries(missing.map(([name, v]) => [name, v.choices])),
      subset,
      options.workers,
    );
  const runs: Array<[string, string, 'cnn' | 'baseline']> = [
    ['default', 'all preprocessing steps (reference)', 'cnn'],
    ...Object.entries(variants).map(([name, v]) => [name, v.description, 'cnn'] as [string, string, 'cnn']),
    ['baseline', 'logistic regression on the default inputs', 'baseline'],
  ];
  const rows: AblationRow[] = [];
  for (const [variant, description, architecture] of runs) {
    onRun?.(variant);
    const store = variant === 'baseline' ? 'default' : variant;
    const fit = await fitClassifier(dataset, {
      ...options,
      variant: store,
      architecture,
      filter: inSubset,
    });
    const evaluation = evaluateClassifier(fit.model, dataset, { variant: store, filter: inSubset });
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
      train_samples: fit.trainSamples,
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

const releaseOf = (s: DatasetSample) => s.release ?? 'unknown';

/** The data release with the most spectra (the one to train on when measuring release shift). */
export function dominantRelease(dataset: PreparedDataset): string {
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
 * of each other release — what a change of survey pipeline costs, without retraining.
 */
export function releaseShift(
  model: tfl.LayersModel,
  dataset: PreparedDataset,
  trainRelease: string,
  classNames?: readonly string[],
): ReleaseShiftRow[] {
  const releases = [...new Set(dataset.samples.map(releaseOf))].sort();
  const trainSamples = dataset.set('train', 'default', inRelease(trainRelease)).rows.length;
  const rows: ReleaseShiftRow[] = [];
  for (const release of releases) {
    const evaluation = evaluateClassifier(model, dataset, {
      split: release === trainRelease ? 'test' : 'all',
      filter: inRelease(release),
      ...(classNames && { classNames }),
    });
    if (evaluation.samples === 0) continue;
    rows.push({
      train_release: trainRelease,
      eval_release: release,
      train_samples: trainSamples,
      test_samples: evaluation.samples,
      accuracy: evaluation.accuracy,
      macro_f1: evaluation.macroF1,
    });
  }
  return rows;
}
