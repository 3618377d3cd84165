import { tmpdir } from 'node:os';
import { type BackendName, type Evaluation, evaluateClassifier, loadModel, type Split } from '@spectra/model';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink } from './events.js';
import { type DatasetOptions, type DatasetReport, prepareDataset } from './prepare-dataset.js';
import { writeEvaluation } from './report-files.js';
import { startBackend } from './start-backend.js';

/** Options of evaluate. */
export interface EvaluateOptions extends DatasetOptions {
  /** Model folder written by train or runPipeline. */
  model: string;
  /** Folder with one sub-folder of FITS files per class. */
  root: string;
  /** Which spectra to score: all, or one split of `splitSeed`. @default PIPELINE_DEFAULTS.split ('all') */
  split?: Split | 'all';
  /** Write evaluation.json and the per-class and confusion CSVs here. @default not written */
  out?: string;
  /** TensorFlow.js backend. @default the fastest available */
  backend?: BackendName;
  /** Folder of the samples' scratch file. @default the system temp folder */
  scratchDir?: string;
}

/** What an evaluation found. */
export interface EvaluateResult {
  report: DatasetReport;
  evaluation: Evaluation & { unknownClass: number };
  written: string[];
}

/** Scores a saved model on a dataset, preprocessing every spectrum exactly as the model's training data were. */
export async function evaluate(
  options: EvaluateOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<EvaluateResult> {
  const emit = handlers.onEvent ?? (() => {});
  await startBackend(options.backend, emit);
  const saved = await loadModel(options.model);
  try {
    const { dataset, report } = await prepareDataset(options.root, {
      ...options,
      preprocess: saved.metadata.preprocess,
      scratchDir: options.scratchDir ?? tmpdir(),
      onEvent: emit,
    });
    try {
      const evaluation = await evaluateClassifier(saved.model, dataset!, {
        workers: options.workers ?? PIPELINE_DEFAULTS.workers,
        ...(saved.metadata.calibration && { temperature: saved.metadata.calibration.temperature }),
        ...(saved.metadata.subtype && { subtypeHead: saved.metadata.subtype }),
        split: options.split ?? PIPELINE_DEFAULTS.split,
        classNames: saved.metadata.classNames,
      });
      emit({ type: 'evaluated', which: 'cnn', evaluation });
      const written = options.out ? await writeEvaluation(options.out, evaluation) : [];
      return { report, evaluation, written: [...report.written, ...written] };
    } finally {
      dataset?.close();
    }
  } finally {
    saved.model.dispose();
  }
}
