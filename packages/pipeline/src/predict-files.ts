import { isSpectraError } from '@spectra/core';
import { readSpectrum, type Spectrum } from '@spectra/fits';
import { type BackendName, loadModel, loadPretrained, type Prediction, predict } from '@spectra/model';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink, FailedFile } from './events.js';
import { startBackend } from './start-backend.js';

/** Options of predictFiles. */
export interface PredictOptions {
  /** Model folder written by train or runPipeline. @default the pretrained classifier of @spectra/model */
  model?: string;
  files: readonly string[];
  /** Classes listed per spectrum, most probable first. @default PIPELINE_DEFAULTS.topK (3) */
  topK?: number;
  /** Stop at the first file that cannot be read (SpectraError). @default false: report it and go on */
  strict?: boolean;
  /** TensorFlow.js backend. @default the fastest available */
  backend?: BackendName;
  /** Worker threads that classify (for 1,024 spectra or more). @default PIPELINE_DEFAULTS.workers (the cores) */
  workers?: number;
  /** Spectra read and classified together; memory holds one batch. @default PREDICT_BATCH (2048) */
  batchSize?: number;
  /**
   * Receives each batch's predictions as it is done (in file order); when given, the result's `predictions` stays
   * empty, so memory does not grow with the number of files. @default collect them all in the result
   */
  onPredictions?: (batch: Prediction[], classNames: string[]) => void | Promise<void>;
}

/** Spectra classified together by predictFiles (over PARALLEL_INFERENCE_MIN_ROWS, so workers pay off). */
export const PREDICT_BATCH = 2048;

/** What a prediction run gave. */
export interface PredictResult {
  classNames: string[];
  predictions: Prediction[];
  failed: FailedFile[];
}

/**
 * Classifies FITS files with a saved model, a batch of files at a time (read, classify, hand on, forget); files that
 * cannot be read are reported (or fatal with `strict`).
 */
export async function predictFiles(
  options: PredictOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<PredictResult> {
  const emit = handlers.onEvent ?? (() => {});
  await startBackend(options.backend, emit);
  const saved = options.model ? await loadModel(options.model) : await loadPretrained();
  try {
    const classNames = saved.metadata.classNames;
    const predictions: Prediction[] = [];
    const failed: FailedFile[] = [];
    const batchSize = options.batchSize ?? PREDICT_BATCH;
    let spectra: Spectrum[] = [];
    const flush = async () => {
      if (spectra.length === 0) return;
      const batch = await predict(spectra, saved, {
        topK: options.topK ?? PIPELINE_DEFAULTS.topK,
        workers: options.workers ?? PIPELINE_DEFAULTS.workers,
      });
      spectra = [];
      if (options.onPredictions) await options.onPredictions(batch, classNames);
      else predictions.push(...batch);
    };
    for (const path of options.files) {
      try {
        spectra.push(await readSpectrum(path));
      } catch (error) {
        if (!isSpectraError(error) || options.strict) throw error;
        const file = { path, code: error.code, message: error.message };
        failed.push(file);
        emit({
          type: 'issue',
          issue: { kind: 'failed-file', message: `skipped ${path}: ${error.message}`, file },
        });
      }
      if (spectra.length >= batchSize) await flush();
    }
    await flush();
    return { classNames, predictions, failed };
  } finally {
    // The pretrained model stays loaded for the next call.
    if (options.model) saved.model.dispose();
  }
}
