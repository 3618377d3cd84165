// The defaults of training and preprocessing, in a module that loads no TensorFlow (`@spectra/model/recipe`), so
// that a command line can show them in its help without starting the machine learning stack.
import type { CnnConfig } from './build-cnn.js';
import type { FitOptions } from './experiment.js';
import { DEFAULT_GRID } from './log-grid.js';
import type { PreprocessChoices } from './model-folder.js';

/** The training defaults of every command and of fitClassifier: one place, read by the CLI's flags. */
export const TRAINING_DEFAULTS = {
  /** Passes over the training split. */
  epochs: 10,
  batchSize: 64,
  /**
   * Epochs without a better validation loss before stopping (fitClassifier; trainModel stops only when given). 3 by
   * star-grouped CV on real stars: 52 ± 11 s of training per fold instead of 72 ± 21 s with 4, letter accuracy
   * 0.821 ± 0.031 against 0.828 ± 0.037 (two folds differ; docs/model.md, rows P and P3).
   */
  patience: 3,
  /** Seed of the splits, the weights and the shuffle. */
  seed: 42,
  /**
   * Weight of the auxiliary subtype output's loss while training (0: letters alone). 1 by star-grouped CV on real
   * stars: +1.2 ± 1.6 points of letter accuracy paired by fold, none worse, subtype RMS 2.74 → 2.57 (docs/model.md,
   * row J).
   */
  subtypeWeight: 1,
  /**
   * Apply the temperature fitted on the validation split to every probability predict gives (else it is fitted and
   * recorded only). On by the product's own splits (class-stratified, 15% validation): over five split seeds of the
   * issue's command on the realstars build the test ECE is 0.048 with it and 0.068 without (better in three of
   * five), and 0.017 against 0.021 for the shipped model. The bench's cross-validation, whose
   * validation is half of one fold's stars by hash (~80 stars against ~120), found the opposite in four folds of
   * five (docs/model.md, "Does the temperature help?"), so `--no-temperature-scaling` is there.
   */
  temperatureScaling: true,
} as const;

/**
 * The reference CNN of the issue (fitClassifier's network by default, and bench/train's against Keras; the default
 * recipe narrows its first block, RECIPE_BLOCKS) — three Conv1D blocks (16×7, 32×5, 64×3, each pooled by 4), a 64-unit
 * dense layer with dropout 0.3, and a softmax over the classes — fed flux plus a mask channel. Three pooling
 * stages take 3,840 pixels to 60 positions while the kernels grow to span 7, 25 and 100 input pixels: from single
 * lines (a few pixels at R ≈ 2000) to band heads and Balmer wings.
 */
export function defaultCnnConfig(classes: number, inputLength = 3840): CnnConfig {
  return {
    inputLength,
    channels: 2,
    classes,
    blocks: [
      { filters: 16, kernelSize: 7, poolSize: 4 },
      { filters: 32, kernelSize: 5, poolSize: 4 },
      { filters: 64, kernelSize: 3, poolSize: 4 },
    ],
    denseUnits: 64,
    denseDropout: 0.3,
    learningRate: 1e-3,
    seed: 42,
  };
}

/**
 * The conv blocks of the default recipe: the reference CNN with 8 filters instead of 16 in the first block. By
 * star-grouped CV on real stars (docs/model.md, row P): letter accuracy 0.828 ± 0.037 against 0.816 ± 0.036, better
 * on four folds of five (+1.2 ± 0.8 points paired), each epoch ~20% faster (the first block runs at full resolution).
 */
const RECIPE_BLOCKS = [
  { filters: 8, kernelSize: 7, poolSize: 4 },
  { filters: 32, kernelSize: 5, poolSize: 4 },
  { filters: 64, kernelSize: 3, poolSize: 4 },
] as const;

/**
 * The default preprocessing: header rest frame, continuum normalisation, de-reddening, the flux as the one input
 * channel (missing pixels at the continuum). Flux alone by star-grouped CV on real stars (docs/model.md, row AJ):
 * 0.828 ± 0.026 against 0.808 ± 0.041 with the mask channel on the same folds (+2.0 ± 3.0 points paired, four folds
 * of five as good or better), and on libraries never seen in training +2.1 points (Pickles, R ≈ 500: 0.844 against
 * 0.774) — the mask channel tells the network which library's coverage it is looking at, a shortcut that does not
 * carry to other instruments. `channels: 2` (`--mask-channel`) adds it back.
 */
export function defaultPreprocessChoices(inputLength = DEFAULT_GRID.length): PreprocessChoices {
  return {
    grid: { ...DEFAULT_GRID, length: inputLength },
    restFrame: 'header',
    continuum: true,
    deredden: true,
    minCoverage: 0.5,
    fillValue: 1,
    channels: 1,
    center: true,
  };
}

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
      subtypeWeight: TRAINING_DEFAULTS.subtypeWeight,
      cnn: { blocks: RECIPE_BLOCKS.map((block) => ({ ...block })) },
    },
  };
}
