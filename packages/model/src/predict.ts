import type { Spectrum } from '@spectra/fits';
import type { SavedModel } from './model-folder.js';
import { modelInput } from './model-input.js';
import { MemorySampleStore } from './sample-store.js';
import { predictSetInWorkers } from './train-model.js';

/** One classified spectrum. */
export interface Prediction {
  source: string;
  /**
   * The most probable class, or null when the spectrum covers less than `minCoverage` of the model's grid: the
   * network then sees mostly fill values and its answer says nothing about the star.
   */
  className: string | null;
  probability: number;
  probabilities: Record<string, number>;
  /** The k most probable classes, most probable first. */
  topK: Array<{ className: string; probability: number }>;
  /** Fraction of the model's grid the spectrum covers. */
  coverage: number;
  warnings: string[];
}

/** Options of predict. */
export interface PredictOptions {
  /** Classes listed per spectrum, most probable first. @default 3 */
  topK?: number;
  /** Below this fraction of the model's grid covered, a spectrum is not classified. @default 0.1 */
  minCoverage?: number;
  /** Worker threads that predict, for PARALLEL_INFERENCE_MIN_ROWS spectra or more. @default 1 */
  workers?: number;
}

/** Classifies spectra with a saved model, preprocessing each exactly as the model's training data were. */
export async function predict(
  spectra: readonly Spectrum[],
  saved: SavedModel,
  options: PredictOptions = {},
): Promise<Prediction[]> {
  const { preprocess, classNames } = saved.metadata;
  const store = new MemorySampleStore(preprocess.grid.length, preprocess.channels);
  const inputs = spectra.map((spectrum) => {
    const input = modelInput(spectrum, preprocess);
    store.append(input.row);
    return input;
  });
  const k = classNames.length;
  const probs = await predictSetInWorkers(
    saved.model,
    { store, rows: inputs.map((_, i) => i), classes: k },
    options.workers ?? 1,
  );
  store.close();
  return spectra.map((spectrum, i) => {
    const row = Array.from(probs.subarray(i * k, (i + 1) * k));
    const ranked = row
      .map((probability, c) => ({ className: classNames[c], probability }))
      .sort((a, b) => b.probability - a.probability);
    const coverage = inputs[i].coverage;
    const warnings = [...inputs[i].warnings];
    const minCoverage = options.minCoverage ?? 0.1;
    if (coverage < 0.5)
      warnings.push(`the spectrum covers ${(coverage * 100).toFixed(0)}% of the model's wavelength grid`);
    if (coverage < minCoverage) warnings.push('not classified: too little of the spectrum falls on the grid');
    return {
      source: spectrum.source ?? `spectrum ${i + 1}`,
      className: coverage < minCoverage ? null : ranked[0].className,
      probability: ranked[0].probability,
      probabilities: Object.fromEntries(classNames.map((name, c) => [name, row[c]])),
      topK: ranked.slice(0, options.topK ?? 3),
      coverage,
      warnings,
    };
  });
}
