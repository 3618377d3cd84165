import { meanAndStd, SpectraError, seededRandom } from '@spectra/core';
import {
  type Dataset,
  type DatasetSample,
  evaluateClassifier,
  type FitOptions,
  fitClassifier,
  type PreprocessChoices,
} from '@spectra/model';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink } from './events.js';
import { readFiles } from './read-dataset.js';
import type { SampleStores } from './sample-stores.js';

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
  /** Mean over the seeds. */
  accuracy: number;
  accuracy_std: number;
  macro_f1: number;
  /** Mean over the seeds of (this accuracy − the default's) with the same seed. */
  delta_accuracy: number;
  delta_std: number;
  seeds: number;
  /** `within noise` when |delta| is under twice its standard error, and a warning for too few spectra per class. */
  note: string;
}

/** A preprocessing variant for an ablation. */
export interface AblationVariant {
  choices: PreprocessChoices;
  description: string;
}

/** The reference README's preprocessing ablations: each drops or shortens one step of `preprocess`. */
export function ablationVariants(preprocess: PreprocessChoices): Record<string, AblationVariant> {
  return {
    no_continuum: {
      choices: { ...preprocess, continuum: false },
      description: 'without continuum normalisation',
    },
    no_dereddening: { choices: { ...preprocess, deredden: false }, description: 'without de-reddening' },
    half_length: {
      choices: {
        ...preprocess,
        grid: { ...preprocess.grid, length: Math.round(preprocess.grid.length / 2) },
      },
      description: 'input length halved (coarser grid)',
    },
  };
}

/** Options of runAblation. */
export interface AblationOptions extends FitOptions {
  /** Fraction of the training (and validation) split each model trains on; the test split is whole. @default 1 */
  fraction?: number;
  /** Threads that read and preprocess the variants. @default PIPELINE_DEFAULTS.workers (the cores) */
  workers?: number;
  /** Models per variant, with seeds seed, seed + 1, ...: the rows give mean ± std. @default 3 */
  seeds?: number;
}

/** Below this many training spectra in its smallest class, a variant's row says it learned from too few. */
export const FEW_PER_CLASS = 20;

/**
 * Trains and tests one model per preprocessing variant and seed, the default inputs (the main model's recipe) and
 * the baseline, with the same splits and settings: what each step of the preprocessing buys, as mean ± std over
 * `seeds` seeds, the difference to the default paired by seed. The variants are preprocessed (each file read once
 * for all of them) only for the spectra used, into stores made by `stores`.
 */
export async function runAblation(
  dataset: Dataset,
  stores: SampleStores,
  variants: Record<string, AblationVariant>,
  options: AblationOptions = {},
  onEvent: EventSink = () => {},
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
    await addVariants(dataset, stores, missing, subset, options.workers ?? PIPELINE_DEFAULTS.workers);
  const runs: Array<[string, string, 'cnn' | 'baseline']> = [
    ['default', 'all preprocessing steps (reference)', 'cnn'],
    ...Object.entries(variants).map(([name, v]) => [name, v.description, 'cnn'] as [string, string, 'cnn']),
    ['baseline', 'logistic regression on the default inputs', 'baseline'],
  ];
  const seeds = Math.max(1, options.seeds ?? 3);
  const base = options.seed ?? 42;
  const rows: AblationRow[] = [];
  const runsBySeed: number[][] = [];
  for (const [variant, description, architecture] of runs) {
    onEvent({ type: 'ablation-run', variant });
    const store = variant === 'baseline' ? 'default' : variant;
    const accuracies: number[] = [];
    const f1: number[] = [];
    let trained = { epochs: 0, trainSamples: 0, testSamples: 0, smallestClass: 0 };
    for (let k = 0; k < seeds; k++) {
      const seed = base + k;
      const fit = await fitClassifier(dataset, {
        ...options,
        seed,
        cnn: { ...options.cnn, seed },
        variant: store,
        architecture,
        filter: inSubset,
      });
      const evaluation = await evaluateClassifier(fit.model, dataset, {
        variant: store,
        filter: inSubset,
        workers: options.workers ?? PIPELINE_DEFAULTS.workers,
      });
      fit.model.dispose();
      accuracies.push(evaluation.accuracy);
      f1.push(evaluation.macroF1);
      const train = dataset.set('train', store, inSubset);
      const perClass = dataset.classNames.map(
        (_, c) => Array.from(train.labels).filter((l) => l === c).length,
      );
      trained = {
        epochs: Math.max(trained.epochs, fit.history.length),
        trainSamples: fit.trainSamples,
        testSamples: evaluation.samples,
        smallestClass: Math.min(...perClass),
      };
    }
    runsBySeed.push(accuracies);
    const choices = dataset.choices[store];
    rows.push({
      variant,
      description,
      architecture,
      input_length: choices.grid.length,
      continuum: choices.continuum,
      deredden: choices.deredden,
      epochs: trained.epochs,
      train_samples: trained.trainSamples,
      test_samples: trained.testSamples,
      accuracy: meanAndStd(accuracies).mean,
      accuracy_std: meanAndStd(accuracies).std,
      macro_f1: meanAndStd(f1).mean,
      delta_accuracy: 0,
      delta_std: 0,
      seeds,
      note:
        trained.smallestClass < FEW_PER_CLASS
          ? `few spectra: ${trained.smallestClass} in the smallest class`
          : '',
    });
  }
  rows.forEach((row, r) => {
    const deltas = meanAndStd(runsBySeed[r].map((a, k) => a - runsBySeed[0][k]));
    row.delta_accuracy = deltas.mean;
    row.delta_std = deltas.std;
    if (r > 0 && Math.abs(row.delta_accuracy) <= (2 * row.delta_std) / Math.sqrt(seeds))
      row.note = [row.note, 'within noise'].filter(Boolean).join('; ');
  });
  return rows;
}

/** Reads `subset` once more, preprocessing each file with every variant, into a store per variant. */
async function addVariants(
  dataset: Dataset,
  stores: SampleStores,
  variants: Array<[string, AblationVariant]>,
  subset: readonly DatasetSample[],
  workers: number,
): Promise<void> {
  const created = variants.map(([name, v]) => [name, v.choices, stores.create(name, v.choices)] as const);
  // One row map for all of them: they hold the same samples, in the same order.
  const rows = new Map<number, number>();
  let k = 0;
  const files = subset.map((s) => ({ path: s.path, classLabel: null }));
  const choices = Object.fromEntries(variants.map(([name, v]) => [name, v.choices]));
  for await (const outcome of readFiles(files, { variants: choices, workers })) {
    const sample = subset[k++];
    // The file was read once already; if it cannot be read now, it has changed under us.
    if (!outcome.ok) throw new SpectraError(outcome.code, outcome.message, { file: outcome.path });
    let row = 0;
    for (const [name, , store] of created) row = store.append(outcome.record.inputs[name]);
    rows.set(sample.row, row);
  }
  for (const [name, variantChoices, store] of created) dataset.addVariant(name, variantChoices, store, rows);
}
