import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** One epoch of the training history, as the plots read it. */
export interface EpochHistory {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

/** Options for trainModel. */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Stop when validation loss has not improved for this many epochs (and keep going otherwise). */
  patience?: number;
  /** Weight classes by inverse frequency against imbalance. Default true. */
  classWeights?: boolean;
  onEpoch?: (history: EpochHistory) => void;
}

/** Samples for training: inputs [n, length, channels] and class indices. */
export interface TrainingData {
  inputs: Float32Array;
  labels: Int32Array;
  length: number;
  channels: number;
  classes: number;
}

/**
 * Trains a compiled model on in-memory samples with inverse-frequency class weights and early stopping on the
 * validation loss, returning the per-epoch history. Training data are not shuffled by tfjs (its shuffle uses
 * Math.random); callers pass them in a seeded order, so a run is reproducible.
 */
export async function trainModel(
  model: tfl.LayersModel,
  train: TrainingData,
  validation: TrainingData | undefined,
  options: TrainOptions,
): Promise<EpochHistory[]> {
  const toTensors = (data: TrainingData) => {
    const n = data.labels.length;
    return {
      x: tf.tensor3d(data.inputs, [n, data.length, data.channels]),
      y: tf.oneHot(tf.tensor1d(data.labels, 'int32'), data.classes),
    };
  };
  const counts = new Array<number>(train.classes).fill(0);
  for (const label of train.labels) counts[label]++;
  const classWeight =
    options.classWeights === false
      ? undefined
      : Object.fromEntries(counts.map((c, k) => [k, c > 0 ? train.labels.length / (train.classes * c) : 0]));
  const t = toTensors(train);
  const v = validation ? toTensors(validation) : undefined;
  const history: EpochHistory[] = [];
  let best = Number.POSITIVE_INFINITY;
  let waited = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const result = await model.fit(t.x, t.y, {
        epochs: 1,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
        ...(classWeight && { classWeight }),
        ...(v && { validationData: [v.x, v.y] as [tf.Tensor, tf.Tensor] }),
      });
      const h = result.history;
      const entry: EpochHistory = {
        epoch,
        loss: Number(h.loss[0]),
        accuracy: Number((h.acc ?? h.accuracy)[0]),
        valLoss: h.val_loss ? Number(h.val_loss[0]) : null,
        valAccuracy: (h.val_acc ?? h.val_accuracy) ? Number((h.val_acc ?? h.val_accuracy)[0]) : null,
      };
      history.push(entry);
      options.onEpoch?.(entry);
      if (options.patience !== undefined && entry.valLoss !== null) {
        if (entry.valLoss < best - 1e-6) {
          best = entry.valLoss;
          waited = 0;
        } else if (++waited >= options.patience) {
          break;
        }
      }
    }
  } finally {
    tf.dispose([t.x, t.y, ...(v ? [v.x, v.y] : [])]);
  }
  return history;
}
