import { defaultPreprocessChoices } from '@spectra/model';

/**
 * Training options small enough to train in seconds (a 256-pixel grid, one conv block of 4 filters, two epochs, no
 * baseline, samples in memory): for tests of what the stages around the network do, not of what it learns.
 */
export const TINY_TRAINING = {
  preprocess: defaultPreprocessChoices(256),
  fit: {
    epochs: 2,
    batchSize: 16,
    cnn: { blocks: [{ filters: 4, kernelSize: 5, poolSize: 4 }], denseUnits: 8 },
  },
  baseline: false,
  inMemory: true,
};
