import { SpectraError, seededRandom } from '@spectra/core';
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
  accuracy: number;
  macro_f1: number;
  delta_accuracy: number;
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
}

/**
 * Trains and tests one model per preprocessing variant, the default inputs and the baseline, with the same seed,
 * splits and settings: what each step of the preprocessing buys. The variants are preprocessed (each file read once
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
  const rows: AblationRow[] = [];
  for (const [variant, description, architecture] of runs) {
    onEvent({ type: 'ablation-run', variant });
    const store = variant === 'baseline' ? 'default' : variant;
    const fit = await fitClassifier(dataset, { ...options, variant: store, architecture, filter: inSubset });
    const evaluation = await evaluateClassifier(fit.model, dataset, {
      variant: store,
      filter: inSubset,
      workers: options.workers ?? PIPELINE_DEFAULTS.workers,
    });
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
