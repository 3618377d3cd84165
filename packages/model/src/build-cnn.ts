import { train } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** One convolution block: Conv1D (ReLU), optional batch normalisation, max pooling, optional dropout. */
export interface ConvBlock {
  filters: number;
  kernelSize: number;
  poolSize: number;
  batchNorm?: boolean;
  dropout?: number;
}

/** The network, from the API or the CLI. */
export interface CnnConfig {
  inputLength: number;
  /** Input channels: 1 (flux) or 2 (flux and the mask channel). */
  channels: number;
  classes: number;
  blocks: ConvBlock[];
  denseUnits: number;
  denseDropout: number;
  learningRate: number;
  seed: number;
}

/** Builds and compiles the network (Adam, categorical cross-entropy, accuracy), seeded initialisers. */
export function buildCnn(config: CnnConfig): tfl.Sequential {
  const model = tfl.sequential();
  let seed = config.seed;
  const init = () => tfl.initializers.glorotUniform({ seed: seed++ });
  config.blocks.forEach((block, i) => {
    model.add(
      tfl.layers.conv1d({
        ...(i === 0 && { inputShape: [config.inputLength, config.channels] }),
        filters: block.filters,
        kernelSize: block.kernelSize,
        padding: 'same',
        activation: block.batchNorm ? 'linear' : 'relu',
        kernelInitializer: init(),
      }),
    );
    if (block.batchNorm) {
      model.add(tfl.layers.batchNormalization());
      model.add(tfl.layers.activation({ activation: 'relu' }));
    }
    model.add(tfl.layers.maxPooling1d({ poolSize: block.poolSize }));
    if (block.dropout) model.add(tfl.layers.dropout({ rate: block.dropout, seed: seed++ }));
  });
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: config.denseUnits, activation: 'relu', kernelInitializer: init() }));
  if (config.denseDropout > 0) model.add(tfl.layers.dropout({ rate: config.denseDropout, seed: seed++ }));
  model.add(tfl.layers.dense({ units: config.classes, activation: 'softmax', kernelInitializer: init() }));
  model.compile({
    optimizer: train.adam(config.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/**
 * The baseline beside the CNN: multinomial logistic regression on the same inputs (flux and mask channels,
 * flattened), trained by the same loop with the same early stopping. Whatever the CNN gains over it is the number to
 * quote.
 */
export function buildLogisticRegression(
  config: Pick<CnnConfig, 'inputLength' | 'channels' | 'classes' | 'learningRate' | 'seed'>,
): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [config.inputLength, config.channels] }));
  model.add(
    tfl.layers.dense({
      units: config.classes,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: config.seed }),
    }),
  );
  model.compile({
    optimizer: train.adam(config.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}
