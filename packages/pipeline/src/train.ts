import { tmpdir } from 'node:os';
import { SpectraError } from '@spectra/core';
import {
  type BackendName,
  calibrateClassifier,
  type Dataset,
  defaultRecipe,
  dominantRelease,
  type EpochHistory,
  type Evaluation,
  evaluateClassifier,
  type FitOptions,
  fitClassifier,
  fitSubtypeHead,
  inRelease,
  type LayersModel,
  type PreprocessChoices,
  saveModel,
  TRAINING_DEFAULTS,
  trainingDomain,
} from '@spectra/model';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink, Stage } from './events.js';
import { type DatasetOptions, type DatasetReport, prepareDataset } from './prepare-dataset.js';
import { writeEvaluation, writeHistory } from './report-files.js';
import type { SampleStores } from './sample-stores.js';
import { stageClock } from './stage-clock.js';
import { startBackend } from './start-backend.js';

/** Options of train (and of runPipeline's training). */
export interface TrainOptions extends DatasetOptions {
  /** Folder with one sub-folder of FITS files per class. */
  root: string;
  /** Preprocessing onto the common grid. @default defaultRecipe().preprocess */
  preprocess?: PreprocessChoices;
  /** Network and training settings (epochs, batch size, patience, augmentation, CNN), over defaultRecipe().fit. */
  fit?: FitOptions;
  /** Seed of the splits, the weights and the shuffle. @default TRAINING_DEFAULTS.seed (42) */
  seed?: number;
  /** TensorFlow.js backend. @default the fastest available */
  backend?: BackendName;
  /** Keep the preprocessed samples in memory instead of a scratch file. @default false */
  inMemory?: boolean;
  /** Folder of the samples' scratch file. @default the system temp folder */
  scratchDir?: string;
  /** Model folder to write. @default not saved */
  modelOut?: string;
  /** Folder for history.json and the evaluation files. @default not written */
  reportDir?: string;
  /** Train and score the logistic-regression baseline beside the CNN. @default true */
  baseline?: boolean;
  /** Train, validate and test on one data release only; `dominant`: the release with the most spectra. @default every release */
  trainRelease?: string;
  /**
   * Apply the temperature fitted on the validation split (else it is fitted and recorded, and predict gives the
   * network's own probabilities). @default TRAINING_DEFAULTS.temperatureScaling (true)
   */
  temperatureScaling?: boolean;
}

/** What training did. */
export interface TrainResult {
  backend: string;
  report: DatasetReport;
  trainRelease: string | null;
  history: EpochHistory[];
  /** The epoch whose weights were kept (lowest validation loss), or null without a validation split. */
  bestEpoch: EpochHistory | null;
  /**
   * The temperature predict applies (1 when temperatureScaling is false), the one fitted on the validation split,
   * and the validation ECE at T = 1 and at the fitted temperature.
   */
  calibration: {
    temperature: number;
    fittedTemperature: number;
    eceBefore: number | null;
    eceAfter: number | null;
  };
  test: Evaluation;
  baseline: Evaluation | null;
  modelOut: string | null;
  written: string[];
  /** Wall time of each stage, s. */
  stageSeconds: Partial<Record<Stage, number>>;
}

/** Training's result and what further stages use; the caller closes the dataset and disposes the model. */
export interface Trained {
  result: TrainResult;
  dataset: Dataset;
  stores: SampleStores;
  model: LayersModel;
  fit: FitOptions;
  preprocess: PreprocessChoices;
}

/**
 * Reads, labels, splits and preprocesses a dataset in one pass (writing the tables asked for), trains the CNN,
 * scores it and the baseline on the test split, and saves the model folder and reports asked for.
 */
export async function train(
  options: TrainOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<TrainResult> {
  const trained = await trainModelOn(options, handlers.onEvent ?? (() => {}));
  trained.dataset.close();
  trained.model.dispose();
  return trained.result;
}

/** The training stages of train and runPipeline. */
export async function trainModelOn(options: TrainOptions, emit: EventSink): Promise<Trained> {
  const stageSeconds: TrainResult['stageSeconds'] = {};
  const lap = stageClock(stageSeconds, emit);
  const seed = options.seed ?? TRAINING_DEFAULTS.seed;
  const recipe = defaultRecipe();
  const preprocess = options.preprocess ?? recipe.preprocess;
  const backend = await startBackend(options.backend, emit);
  const { dataset, report, stores } = await prepareDataset(options.root, {
    ...options,
    splitSeed: options.splitSeed ?? seed,
    preprocess,
    ...(!options.inMemory && { scratchDir: options.scratchDir ?? tmpdir() }),
    onEvent: emit,
  });
  lap('read');
  if (!dataset || !stores) throw new Error('prepareDataset gave no dataset for a preprocessing choice');
  try {
    if (dataset.classNames.length < 2)
      throw new SpectraError(
        'SPECTRA_TRAINING',
        `training needs at least two classes; found ${dataset.classNames.join(', ') || 'none'}`,
      );
    const trainRelease =
      options.trainRelease === 'dominant' ? dominantRelease(dataset) : (options.trainRelease ?? null);
    if (trainRelease !== null) {
      const spectra = dataset.samples.filter(inRelease(trainRelease)).length;
      if (spectra === 0)
        throw new SpectraError('SPECTRA_OPTION', `no spectra of release ${trainRelease} to train on`);
      emit({ type: 'train-release', release: trainRelease, spectra });
    }
    const epochs = options.fit?.epochs ?? recipe.fit.epochs ?? TRAINING_DEFAULTS.epochs;
    const fitOptions: FitOptions = {
      workers: options.workers ?? PIPELINE_DEFAULTS.workers,
      ...recipe.fit,
      ...options.fit,
      seed,
      cnn: { ...recipe.fit.cnn, ...options.fit?.cnn, seed },
      ...(trainRelease !== null && { filter: inRelease(trainRelease) }),
      onEpoch: (epoch) => emit({ type: 'epoch', epoch, epochs }),
      onBatch: (done, total) => emit({ type: 'progress', stage: 'train', done, total }),
    };
    const fit = await fitClassifier(dataset, fitOptions);
    const { bestEpoch } = fit;
    emit({ type: 'trained', history: fit.history, bestEpoch });
    lap('train');
    const scope = {
      workers: fitOptions.workers ?? 1,
      ...(fitOptions.filter && { filter: fitOptions.filter }),
    };
    // The temperature fitted on the validation split (applied unless temperatureScaling is false); the training
    // spectra's class means for the "not a star" check.
    const fitted = await calibrateClassifier(fit.model, dataset, scope);
    const calibration = {
      ...fitted,
      temperature:
        (options.temperatureScaling ?? TRAINING_DEFAULTS.temperatureScaling) ? fitted.temperature : 1,
      fittedTemperature: fitted.temperature,
    };
    const trainSet = dataset.set('train', 'default', fitOptions.filter);
    const domain = trainingDomain(trainSet.store, trainSet.rows, trainSet.labels, trainSet.classes);
    // A subtype on the O0…M9 scale from the network's features, where the labels give subtypes.
    const subtypeHead = fitSubtypeHead(
      fit.model,
      trainSet,
      trainSet.samples.map((s) => s.subtype),
    );
    const test = await evaluateClassifier(fit.model, dataset, {
      ...scope,
      temperature: calibration.temperature,
      subtypeHead,
    });
    emit({ type: 'evaluated', which: 'cnn', evaluation: test });
    lap('evaluate');
    let baseline: Evaluation | null = null;
    if (options.baseline !== false) {
      const base = await fitClassifier(dataset, {
        ...fitOptions,
        // Letters alone: the baseline is the plain logistic regression it is named for.
        subtypeWeight: 0,
        architecture: 'baseline',
        onEpoch: () => {},
      });
      baseline = await evaluateClassifier(base.model, dataset, scope);
      base.model.dispose();
      emit({ type: 'evaluated', which: 'baseline', evaluation: baseline });
      lap('baseline');
    }
    const written: string[] = [...report.written];
    if (options.modelOut) {
      await saveModel(options.modelOut, fit.model, {
        classNames: dataset.classNames,
        preprocess: dataset.choices.default,
        config: fit.config,
        training: {
          dataRoot: options.root,
          seed,
          backend,
          epochs: fit.history.length,
          batchSize: fitOptions.batchSize ?? TRAINING_DEFAULTS.batchSize,
          subtypeWeight: fitOptions.subtypeWeight ?? TRAINING_DEFAULTS.subtypeWeight,
          splitCounts: dataset.splitCounts,
          testAccuracy: test.accuracy,
          baselineAccuracy: baseline?.accuracy ?? null,
          labelSource: options.labelCatalog ?? 'directories',
        },
        history: fit.history,
        calibration,
        domain,
        ...(subtypeHead && { subtype: subtypeHead }),
        createdAt: options.manifest?.createdAt ?? new Date().toISOString(),
      });
      emit({ type: 'saved', path: options.modelOut });
      written.push(options.modelOut);
    }
    if (options.reportDir) {
      const historyPath = `${options.reportDir}/history.json`;
      await writeHistory(historyPath, fit.history);
      written.push(historyPath, ...(await writeEvaluation(options.reportDir, test)));
      if (baseline)
        written.push(...(await writeEvaluation(options.reportDir, baseline, 'baseline_evaluation')));
    }
    lap('save');
    return {
      dataset,
      stores,
      model: fit.model,
      fit: fitOptions,
      preprocess,
      result: {
        backend,
        report,
        trainRelease,
        history: fit.history,
        bestEpoch,
        calibration,
        test,
        baseline,
        modelOut: options.modelOut ?? null,
        written,
        stageSeconds,
      },
    };
  } catch (error) {
    dataset.close();
    throw error;
  }
}
