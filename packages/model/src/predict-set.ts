import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { INFERENCE_BATCH } from './inference-batch.js';
import type { SampleStore } from './sample-store.js';

/** Store rows to run through a network (a LabelledSet without its labels). */
export interface InferenceSet {
  store: SampleStore;
  rows: readonly number[];
  classes: number;
}

/** Builds the input tensor of a batch of store rows. */
export function batchTensor(
  set: Pick<InferenceSet, 'store' | 'rows'>,
  positions: readonly number[],
): tf.Tensor3D {
  const rows = positions.map((p) => set.rows[p]);
  return tf.tensor3d(set.store.read(rows), [rows.length, set.store.length, set.store.channels]);
}

/** Positions `start`, `start + 1`, … of the batch of at most `size` that begins at `start` in a set of `total`. */
export function batchPositions(start: number, total: number, size: number): number[] {
  return Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
}

/**
 * Class probabilities for every row of a set, predicted in batches: a Float32Array of rows × classes. Memory holds
 * one batch of inputs at a time.
 */
export function predictSet(
  model: tfl.LayersModel,
  set: InferenceSet,
  batchSize = INFERENCE_BATCH,
): Float32Array {
  const out = new Float32Array(set.rows.length * set.classes);
  for (let start = 0; start < set.rows.length; start += batchSize) {
    const positions = batchPositions(start, set.rows.length, batchSize);
    const probs = tf.tidy(() => model.predict(batchTensor(set, positions)) as tf.Tensor);
    out.set(probs.dataSync(), start * set.classes);
    probs.dispose();
  }
  return out;
}
