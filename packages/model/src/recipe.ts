import type { FitOptions } from './experiment.js';
import type { PreprocessChoices } from './model-folder.js';
import { defaultPreprocessChoices } from './model-input.js';
import { TRAINING_DEFAULTS } from './train-model.js';

/** How a classifier is made: preprocessing and training, the defaults of `spectra train` and `spectra pipeline`. */
export interface Recipe {
  preprocess: PreprocessChoices;
  fit: FitOptions;
}

/**
 * The default recipe, chosen by star-grouped cross-validation on real library stars (bench/train/realstars.mjs;
 * every decision with its CV mean ± std in docs/model.md).
 */
export function defaultRecipe(): Recipe {
  return {
    preprocess: defaultPreprocessChoices(),
    fit: {
      epochs: TRAINING_DEFAULTS.epochs,
      batchSize: TRAINING_DEFAULTS.batchSize,
      patience: TRAINING_DEFAULTS.patience,
    },
  };
}
