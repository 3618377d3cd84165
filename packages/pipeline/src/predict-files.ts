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
}

/** What a prediction run gave. */
export interface PredictResult {
  classNames: string[];
  predictions: Prediction[];
  failed: FailedFile[];
}

/** Classifies FITS files with a saved model; files that cannot be read are reported (or fatal with `strict`). */
export async function predictFiles(
  options: PredictOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<PredictResult> {
  const emit = handlers.onEvent ?? (() => {});
  await startBackend(options.backend, emit);
  const saved = options.model ? await loadModel(options.model) : await loadPretrained();
  try {
    const spectra: Spectrum[] = [];
    const failed: FailedFile[] = [];
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
    }
    const predictions = await predict(spectra, saved, {
      topK: options.topK ?? PIPELINE_DEFAULTS.topK,
      workers: options.workers ?? PIPELINE_DEFAULTS.workers,
    });
    return { classNames: saved.metadata.classNames, predictions, failed };
  } finally {
    // The pretrained model stays loaded for the next call.
    if (options.model) saved.model.dispose();
  }
}
