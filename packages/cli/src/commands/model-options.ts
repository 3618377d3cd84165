import { SpectraError } from '@spectra/core';
import type { BackendName, CnnConfig, FitOptions, PreprocessChoices } from '@spectra/model';
import { defaultCnnConfig, defaultRecipe, TRAINING_DEFAULTS } from '@spectra/model/recipe';
import { PIPELINE_DEFAULTS } from '@spectra/pipeline/defaults';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseNumber } from '../parse-number.js';

const list = (value: string): number[] => {
  const numbers = value.split(',').map((v) => Number(v.trim()));
  if (numbers.some((n) => !Number.isFinite(n) || n <= 0))
    throw new InvalidArgumentError(`'${value}' is not a comma-separated list of positive numbers`);
  return numbers;
};

const nonNegative = (value: string): number => {
  const n = parseNumber(value);
  if (n < 0) throw new InvalidArgumentError(`'${value}' is negative`);
  return n;
};

const belowOne = (value: string): number => {
  const n = parseNumber(value);
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError(`'${value}' is not in [0, 1)`);
  return n;
};

const positiveInt = (value: string): number => {
  const n = parseNumber(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  return n;
};

/** Preprocessing, network and training flags shared by `train` and `pipeline`. */
export function addModelOptions(command: Command, defaults: { epochs?: number } = {}): Command {
  // Every default is the library's recipe (defaultRecipe), chosen by cross-validation on real stars.
  const recipe = defaultRecipe();
  const reference = { ...defaultCnnConfig(7), ...recipe.fit.cnn };
  const preprocess = recipe.preprocess;
  const augment = recipe.fit.augment ?? {};
  return command
    .option('--input-length <n>', 'pixels of the common log-λ grid', positiveInt, preprocess.grid.length)
    .option(
      '--grid-start <Å>',
      'first wavelength of the grid (rest frame)',
      parseNumber,
      preprocess.grid.startAngstrom,
    )
    .option(
      '--grid-end <Å>',
      'last wavelength of the grid (rest frame)',
      parseNumber,
      preprocess.grid.endAngstrom,
    )
    .addOption(
      new Option('--rest-frame <source>', 'rest frame from the header redshift, a measured RV, or none')
        .choices(['header', 'measure', 'none'])
        .default(preprocess.restFrame),
    )
    .option('--continuum', 'normalise by the fitted continuum', preprocess.continuum)
    .option('--no-continuum', 'no continuum normalisation (divide by the median flux: the colour stays in)')
    .option('--no-deredden', 'skip de-reddening')
    .option(
      '--mask-channel',
      'feed the network a second channel saying which pixels were measured',
      preprocess.channels === 2,
    )
    .option('--no-mask-channel', 'flux alone (missing pixels at the continuum)')
    .option(
      '--epochs <n>',
      'training epochs',
      positiveInt,
      defaults.epochs ?? recipe.fit.epochs ?? TRAINING_DEFAULTS.epochs,
    )
    .option(
      '--batch-size <n>',
      'batch size',
      positiveInt,
      recipe.fit.batchSize ?? TRAINING_DEFAULTS.batchSize,
    )
    .option('--learning-rate <x>', 'Adam learning rate', parseNumber, reference.learningRate)
    .option(
      '--patience <n>',
      'stop after this many epochs without a better validation loss',
      positiveInt,
      recipe.fit.patience ?? TRAINING_DEFAULTS.patience,
    )
    .option(
      '--min-delta <x>',
      'an epoch counts as better only when its validation loss drops by more than this (Keras min_delta)',
      nonNegative,
      recipe.fit.minDelta ?? 0,
    )
    .option(
      '--weight-average <d>',
      'validate and keep a moving average of the weights, decay d per step (Polyak averaging; 0.99 ≈ the last 100 steps; 0: off)',
      belowOne,
      recipe.fit.weightAverage ?? 0,
    )
    .option(
      '--subtype-weight <x>',
      'weight of the auxiliary subtype output in the training loss, where labels give subtypes (0: letters alone)',
      nonNegative,
      recipe.fit.subtypeWeight ?? TRAINING_DEFAULTS.subtypeWeight,
    )
    .option(
      '--augment-noise <σ>',
      'training augmentation: Gaussian noise up to σ (normalised flux)',
      parseNumber,
      augment.noise ?? 0,
    )
    .option(
      '--augment-shift <pixels>',
      'training augmentation: random shifts up to this many grid pixels',
      parseNumber,
      augment.shiftPixels ?? 0,
    )
    .option(
      '--augment-tilt <x>',
      'training augmentation: multiplicative tilt up to ±x across the grid',
      parseNumber,
      augment.tilt ?? 0,
    )
    .option(
      '--augment-mask <p>',
      'training augmentation: probability of masking a random segment',
      parseNumber,
      augment.maskProbability ?? 0,
    )
    .option('--no-augment', 'no training augmentation')
    .option(
      '--temperature-scaling',
      'apply the temperature fitted on the validation split to predicted probabilities',
      TRAINING_DEFAULTS.temperatureScaling,
    )
    .option(
      '--no-temperature-scaling',
      'fit and record the temperature, but give the network’s own probabilities',
    )
    .option(
      '--filters <list>',
      'filters per conv block',
      list,
      reference.blocks.map((b) => b.filters),
    )
    .option(
      '--kernel-sizes <list>',
      'kernel size per conv block',
      list,
      reference.blocks.map((b) => b.kernelSize),
    )
    .option(
      '--pool-sizes <list>',
      'max-pool size per conv block',
      list,
      reference.blocks.map((b) => b.poolSize),
    )
    .option('--batch-norm', 'batch normalisation after each convolution')
    .option('--conv-dropout <x>', 'dropout after each conv block', parseNumber, 0)
    .option('--dense-units <n>', 'units of the dense layer', positiveInt, reference.denseUnits)
    .option('--dropout <x>', 'dropout before the output layer', parseNumber, reference.denseDropout)
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend (default: the fastest available)').choices([
        'tensorflow',
        'wasm',
        'cpu',
      ]),
    )
    .option(
      '--scratch-dir <dir>',
      'folder for the scratch file of preprocessed samples (default: the system temp folder)',
    )
    .option('--in-memory', 'keep preprocessed samples in memory instead (small datasets)')
    .option(
      '--workers <n>',
      'threads that read, preprocess and train (data-parallel), and that predict (default: the cores available)',
      positiveInt,
      PIPELINE_DEFAULTS.workers,
    );
}

/** What the model flags ask for: the model part of the pipeline's TrainOptions. */
export interface ModelSettings {
  preprocess: PreprocessChoices;
  fit: FitOptions;
  backend?: BackendName;
  scratchDir?: string;
  inMemory: boolean;
  workers: number;
  temperatureScaling: boolean;
}

/** Turns parsed flags into preprocessing choices and fit options; an inconsistent network is a usage error. */
export function modelSettings(flags: Record<string, unknown>, seed: number): ModelSettings {
  const f = flags as Record<string, unknown>;
  const filters = f.filters as number[];
  const kernels = f.kernelSizes as number[];
  const pools = f.poolSizes as number[];
  if (kernels.length !== filters.length || pools.length !== filters.length)
    throw new SpectraError(
      'SPECTRA_OPTION',
      `--filters, --kernel-sizes and --pool-sizes need one value per conv block (got ${filters.length}, ${kernels.length}, ${pools.length})`,
    );
  const start = f.gridStart as number;
  const end = f.gridEnd as number;
  if (!(start > 0 && end > start))
    throw new SpectraError('SPECTRA_OPTION', '--grid-start must be below --grid-end');
  const cnn: Partial<CnnConfig> = {
    blocks: filters.map((filters, i) => ({
      filters,
      kernelSize: kernels[i],
      poolSize: pools[i],
      ...(f.batchNorm === true && { batchNorm: true }),
      ...((f.convDropout as number) > 0 && { dropout: f.convDropout as number }),
    })),
    denseUnits: f.denseUnits as number,
    denseDropout: f.dropout as number,
    learningRate: f.learningRate as number,
    seed,
  };
  return {
    preprocess: {
      ...defaultRecipe().preprocess,
      grid: { startAngstrom: start, endAngstrom: end, length: f.inputLength as number },
      restFrame: f.restFrame as PreprocessChoices['restFrame'],
      continuum: f.continuum !== false,
      deredden: f.deredden !== false,
      channels: f.maskChannel === true ? 2 : 1,
    },
    fit: {
      epochs: f.epochs as number,
      batchSize: f.batchSize as number,
      patience: f.patience as number,
      ...((f.minDelta as number) > 0 && { minDelta: f.minDelta as number }),
      ...((f.weightAverage as number) > 0 && { weightAverage: f.weightAverage as number }),
      subtypeWeight: f.subtypeWeight as number,
      seed,
      cnn,
      ...(f.augment !== false &&
        [f.augmentNoise, f.augmentShift, f.augmentTilt, f.augmentMask].some((v) => (v as number) > 0) && {
          augment: {
            noise: f.augmentNoise as number,
            shiftPixels: f.augmentShift as number,
            tilt: f.augmentTilt as number,
            maskProbability: f.augmentMask as number,
          },
        }),
    },
    workers: f.workers as number,
    inMemory: f.inMemory === true,
    temperatureScaling: f.temperatureScaling !== false,
    ...(f.backend !== undefined && { backend: f.backend as BackendName }),
    ...(f.scratchDir !== undefined && { scratchDir: f.scratchDir as string }),
  };
}
