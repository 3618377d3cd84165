import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Spectrum } from '@spectra/fits';
import * as tf from '@tensorflow/tfjs-core';
import { ModelFolderError } from './errors.js';
import { loadModel, type SavedModel } from './model-folder.js';
import { predict } from './predict.js';
import type { Prediction, PredictOptions } from './predict-with.js';
import { selectBackend } from './select-backend.js';

/** The folder of the classifier shipped with this package (trained on real library stars; see its MODEL_CARD.md). */
export function pretrainedModelFolder(): string {
  // `../pretrained` of both `src/` and `dist/`.
  return fileURLToPath(new URL('../pretrained/', import.meta.url));
}

let loaded: Promise<SavedModel> | undefined;

/** Loads the shipped classifier once (and a TensorFlow.js backend, if none is running yet). */
export async function loadPretrained(): Promise<SavedModel> {
  loaded ??= (async () => {
    const folder = pretrainedModelFolder();
    if (!existsSync(folder))
      throw new ModelFolderError(
        'SPECTRA_MODEL_MISSING',
        'the pretrained classifier is not in this install',
        folder,
      );
    if (!tf.engine().backendName) await selectBackend();
    return loadModel(folder);
  })();
  try {
    return await loaded;
  } catch (error) {
    loaded = undefined;
    throw error;
  }
}

/**
 * Classifies spectra with the pretrained classifier shipped in @spectra/model: calibrated probabilities over O–M, or
 * no class and the reason for a spectrum that is not a star it knows (see predict). One spectrum or many.
 */
export async function classify(spectrum: Spectrum, options?: PredictOptions): Promise<Prediction>;
export async function classify(spectra: readonly Spectrum[], options?: PredictOptions): Promise<Prediction[]>;
export async function classify(
  input: Spectrum | readonly Spectrum[],
  options: PredictOptions = {},
): Promise<Prediction | Prediction[]> {
  const saved = await loadPretrained();
  const many = Array.isArray(input);
  const predictions = await predict(
    many ? (input as readonly Spectrum[]) : [input as Spectrum],
    saved,
    options,
  );
  return many ? predictions : predictions[0];
}
