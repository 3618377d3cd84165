import { availableParallelism } from 'node:os';

/** The run defaults that are the pipeline's own (training defaults are @spectra/model's TRAINING_DEFAULTS). */
export const PIPELINE_DEFAULTS = {
  /** Folder for the model, reports, figures and supplement. */
  outDir: 'spectra-output',
  /** Worker threads that read and preprocess: the cores available. */
  workers: availableParallelism(),
  /** Which spectra `evaluate` scores. */
  split: 'all',
  /** Classes listed per spectrum by `predictFiles`. */
  topK: 3,
} as const;
